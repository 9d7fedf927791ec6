import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseStoreChoice } from '../../src/main/config'
import { repoRoot } from '../support/bundledLedger'

/**
 * No Docker engine runs in CI, so `docker compose up` is never run here: these specs read
 * docker-compose.yml (and the Dockerfile) and check what can be checked without one.
 */
interface Service {
  readonly image?: string
  readonly build?: { readonly context: string; readonly dockerfile: string }
  readonly profiles?: ReadonlyArray<string>
  readonly environment?: Readonly<Record<string, string>>
  readonly ports?: ReadonlyArray<string>
  readonly volumes?: ReadonlyArray<string>
  readonly healthcheck?: { readonly test: ReadonlyArray<string> }
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>
  readonly command?: ReadonlyArray<string>
  readonly networks?: unknown
}

const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  readonly services: Readonly<Record<string, Service>>
  readonly volumes: Readonly<Record<string, unknown>>
}
const service = (name: string): Service => {
  const s = compose.services[name]
  if (s === undefined) throw new Error(`docker-compose.yml has no service '${name}'`)
  return s
}
const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8')
const entrypoint = readFileSync(join(repoRoot, 'docker/entrypoint.sh'), 'utf8')
const clusterNodes = ['esdb-node1', 'esdb-node2', 'esdb-node3']

describe('given docker-compose.yml, default services', () => {
  it('when the eventstore service is read, then it is an insecure single node on 2113 with projections and a health check', () => {
    const es = service('eventstore')
    expect(es.image).toMatch(/^eventstore\/eventstore:\d+\.\d+/)
    expect(es.profiles).toBeUndefined()
    expect(es.ports).toContain('2113:2113')
    expect(es.environment).toMatchObject({
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'All',
    })
    expect(es.healthcheck?.test.join(' ')).toContain('http://localhost:2113/health/live')
  })

  it('when the canon service is read, then it is built here and wired to the node by an esdb:// string, after it is healthy', () => {
    const canon = service('canon')
    expect(canon.build).toEqual({ context: '.', dockerfile: 'Dockerfile' })
    expect(canon.profiles).toBeUndefined()
    const store = canon.environment?.['CANON_STORE'] ?? ''
    expect(store).toBe('esdb://eventstore:2113?tls=false')
    expect(parseStoreChoice(store)).toEqual({ _tag: 'EventStoreDb', connectionString: store })
    expect(canon.depends_on).toEqual({ eventstore: { condition: 'service_healthy' } })
    expect(canon.ports).toContain('8080:8080')
  })
})

describe('given docker-compose.yml, the cluster profile', () => {
  it('when its services are read, then certificates come first, three secure nodes follow, and only in the profile', () => {
    for (const name of ['certificates', ...clusterNodes, 'canon-cluster'])
      expect(service(name).profiles).toEqual(['cluster'])
    const certs = service('certificates')
    expect(certs.image).toMatch(/^eventstore\/es-gencert-cli:/)
    expect(certs.volumes).toContain('esdb-certs:/certs')
    const script = certs.command?.join('\n') ?? ''
    expect(script).toContain('create-ca')
    expect(script).toContain('create-node')
    // `$$` is compose's escape for a literal `$` in the shell script.
    expect(script).toContain('esdb-node$$n')
    for (const [i, name] of clusterNodes.entries()) {
      const node = service(name)
      expect(node.image).toBe(service('eventstore').image)
      expect(node.environment?.['EVENTSTORE_INSECURE']).toBeUndefined()
      expect(node.environment).toMatchObject({
        EVENTSTORE_CLUSTER_SIZE: '3',
        EVENTSTORE_CERTIFICATE_FILE: `/certs/node${i + 1}/node.crt`,
        EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE: `/certs/node${i + 1}/node.key`,
        EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH: '/certs/ca',
      })
      const seeds = node.environment?.['EVENTSTORE_GOSSIP_SEED']?.split(',') ?? []
      expect(seeds).toHaveLength(2)
      expect(node.healthcheck?.test.join(' ')).toContain('https://localhost:2113/health/live')
      expect(node.depends_on).toEqual({
        certificates: { condition: 'service_completed_successfully' },
      })
      expect(node.volumes).toContain('esdb-certs:/certs:ro')
    }
  })

  it('when the host ports are read, then no two services claim the same one', () => {
    const hostPorts = Object.values(compose.services).flatMap((s) =>
      (s.ports ?? []).map((p) => p.split(':')[0]),
    )
    expect(new Set(hostPorts).size).toBe(hostPorts.length)
  })

  it('when canon-cluster is read, then it connects to all three nodes with TLS and the generated CA, after all are healthy', () => {
    const canon = service('canon-cluster')
    const store = canon.environment?.['CANON_STORE'] ?? ''
    expect(parseStoreChoice(store)._tag).toBe('EventStoreDb')
    const url = new URL(store.replace(/^esdb:/, 'http:').replace(/@([^/?]+)/, '@cluster'))
    expect(url.searchParams.get('tls')).toBe('true')
    expect(url.searchParams.get('tlsCAFile')).toBe('/certs/ca/ca.crt')
    const hosts = /@([^?]+)\?/.exec(store)?.[1]?.split(',') ?? []
    expect(hosts).toHaveLength(3)
    expect(canon.volumes).toContain('esdb-certs:/certs:ro')
    expect(Object.keys(canon.depends_on ?? {}).sort()).toEqual(clusterNodes)
    for (const node of clusterNodes)
      expect(canon.depends_on?.[node]).toEqual({ condition: 'service_healthy' })
  })
})

describe('given the Dockerfile and its entrypoint', () => {
  it('when read, then it builds on node 20 bookworm-slim with npm ci and serves through the entrypoint', () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim/m)
    expect(dockerfile).toContain('npm ci')
    expect(dockerfile).toContain('npm run build')
    expect(dockerfile).toContain('COPY ledgers ./ledgers')
    expect(dockerfile).toContain('ENTRYPOINT ["canon-entrypoint"]')
    expect(entrypoint).toContain('node bin/canon.js append ledgers/star-trek/*.yaml')
    expect(entrypoint).toContain('exec node bin/canon.js serve --host 0.0.0.0')
  })
})
