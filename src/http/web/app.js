'use strict'
// The release-slider page: plain DOM, no build step. Every answer comes from the JSON API of
// the same server (/openapi.json describes it); nothing here knows about a particular ledger.
;(() => {
  const $ = (id) => document.getElementById(id)
  const svgNs = 'http://www.w3.org/2000/svg'
  const state = {
    releases: [],
    index: 0,
    entity: null,
    history: null,
    token: 0,
    active: -1,
    searches: 0,
  }
  /** The entity the page opens on: `?entity=` in the URL, else the worked example. */
  const firstEntity = new URLSearchParams(location.search).get('entity') ?? 'event/mars-attack'

  const policy = () => ($('secondary').checked ? 'all' : 'on-screen')
  const current = () => state.releases[state.index]

  const getJson = async (url) => {
    const res = await fetch(url, { headers: { accept: 'application/json' } })
    const body = await res.json().catch(() => ({}))
    return { ok: res.ok, status: res.status, body }
  }

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') node.className = v
      else if (k === 'text') node.textContent = v
      else node.setAttribute(k, v)
    }
    for (const c of children) node.append(c)
    return node
  }

  const markOf = (change) => {
    switch (change.change.split(':')[0]) {
      case 'asserted':
        return { cls: 'asserted', word: 'added' }
      case 'confirmed':
        return { cls: 'confirmed', word: 'confirmed' }
      case 'retracted':
        return { cls: 'retracted', word: 'retracted' }
      case 'introduced':
      case 'aliased':
      case 'identified':
        return { cls: 'structural', word: change.change }
      case 'revised':
        switch (change.kind) {
          case 'revelation':
            return { cls: 'revealed', word: 'revealed' }
          case 'retcon':
            return { cls: 'retconned', word: 'retconned' }
          case 'reattribution':
            return { cls: 'reattributed', word: 'reattributed' }
          default:
            return { cls: 'refined', word: change.kind === 'expansion' ? 'expanded' : 'refined' }
        }
      default:
        return { cls: 'structural', word: change.change }
    }
  }

  const setStatus = (text, error = false) => {
    $('status').textContent = text
    $('status').className = error ? 'status error' : 'status'
  }

  const showRelease = () => {
    const r = current()
    const label = $('release-label')
    label.replaceChildren()
    if (r === undefined) {
      label.textContent = 'no releases in the ledger'
      return
    }
    label.append(
      el('span', { text: `${state.index + 1}/${state.releases.length} · ${r.series}: ${r.title}` }),
      el('span', { class: 'date', text: `${r.date} · ${r.id}` }),
    )
    label.dataset.release = r.id
  }

  /** Every page of a paged read, in order: the items of each page under `key`. */
  const allPages = async (url, key) => {
    const items = []
    let cursor = null
    do {
      const page = await getJson(
        `${url}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      if (!page.ok) return page
      items.push(...page.body[key])
      cursor = page.body.page.next
    } while (cursor)
    return { ok: true, body: items }
  }

  const loadReleases = async () => {
    const keep = current()?.id
    const { ok, body } = await allPages(`/v1/releases?canon=${policy()}`, 'releases')
    if (!ok) return setStatus(body.detail ?? 'could not load the releases', true)
    state.releases = body
    const kept = state.releases.findIndex((r) => r.id === keep)
    state.index = kept >= 0 ? kept : Math.max(0, state.releases.length - 1)
    const slider = $('slider')
    slider.max = String(Math.max(0, state.releases.length - 1))
    slider.value = String(state.index)
    slider.disabled = state.releases.length === 0
    showRelease()
  }

  const search = async () => {
    const q = $('search').value.trim()
    const list = $('suggestions')
    if (q === '' || current() === undefined) return list.replaceChildren()
    const url = `/v1/search?q=${encodeURIComponent(q)}&release=${encodeURIComponent(current().id)}&canon=${policy()}`
    const mine = ++state.searches
    const { ok, body } = await getJson(url)
    // An answer to an earlier keystroke that arrives late must not replace a later one.
    if (mine !== state.searches) return
    if (!ok)
      return list.replaceChildren(el('li', { class: 'hint', text: body.detail ?? 'search failed' }))
    if (body.hits.length === 0)
      return list.replaceChildren(
        el('li', { class: 'hint', text: `nothing named '${q}' as of this release` }),
      )
    state.active = -1
    // Says which text the list answers (a later keystroke's search may still be on its way).
    list.dataset.query = q
    list.replaceChildren(
      ...body.hits.slice(0, 8).map((hit, i) => {
        const button = el(
          'button',
          { type: 'button', 'data-entity': hit.id, tabindex: '-1', id: `suggestion-${i}` },
          el('span', { text: hit.name }),
          el('span', {
            class: 'by',
            text: hit.by === 'name' ? hit.id : `${hit.by}: ${hit.matched}`,
          }),
        )
        button.addEventListener('click', () => pick(hit.id))
        return el('li', { role: 'option', 'aria-selected': 'false' }, button)
      }),
    )
  }

  /** Keyboard in the search box: arrows move through the suggestions, Enter picks, Escape closes. */
  const options = () => [...$('suggestions').querySelectorAll('button[data-entity]')]
  const highlight = (index) => {
    const all = options()
    if (all.length === 0) return
    state.active = (index + all.length) % all.length
    all.forEach((b, i) => b.parentElement.setAttribute('aria-selected', String(i === state.active)))
    $('search').setAttribute('aria-activedescendant', all[state.active].id)
  }
  const onSearchKey = (event) => {
    const all = options()
    if (event.key === 'ArrowDown') highlight(state.active + 1)
    else if (event.key === 'ArrowUp') highlight(state.active - 1)
    else if (event.key === 'Enter' && all.length > 0)
      void pick(all[Math.max(0, state.active)].dataset.entity)
    else if (event.key === 'Escape') $('suggestions').replaceChildren()
    else return
    event.preventDefault()
  }

  const pick = async (id) => {
    state.entity = id
    state.active = -1
    $('suggestions').replaceChildren()
    $('search').removeAttribute('aria-activedescendant')
    history.replaceState(null, '', `?entity=${encodeURIComponent(id)}`)
    await render()
  }

  const factItem = (fact, marks) => {
    const mark = marks.get(fact.predicate)
    const item = el('li', { 'data-predicate': fact.predicate, class: mark ? 'changed' : '' })
    const head = el('div', {}, el('span', { class: 'predicate', text: fact.predicate }))
    if (fact.status === 'conflict')
      head.append(el('span', { class: 'conflict', text: 'open conflict' }))
    if (mark) head.append(el('span', { class: `badge ${mark.cls}`, text: mark.word }))
    item.append(head)
    for (const claim of fact.claims) {
      const line = el('div', { class: 'value' }, el('span', { text: claim.value.text }))
      if (mark?.before && claim.claim === mark.claim && mark.before.text !== claim.value.text)
        line.append(el('span', { class: 'was', text: mark.before.text }))
      item.append(line)
      const bits = [`${claim.source.series}: ${claim.source.title}`]
      if (claim.revisionKind) bits.push(claim.revisionKind)
      if (claim.tier !== 'on-screen') bits.push(claim.tier)
      if (claim.valid?.from || claim.valid?.until)
        bits.push(`in-universe ${claim.valid.from ?? '…'} – ${claim.valid.until ?? '…'}`)
      item.append(el('div', { class: 'source', text: bits.join(' · ') }))
    }
    return item
  }

  const render = async () => {
    const token = ++state.token
    showRelease()
    const r = current()
    if (state.entity === null || r === undefined) return
    const [kind, slug] = state.entity.split('/')
    const previous = state.releases[state.index - 1]
    const cut = `release=${encodeURIComponent(r.id)}&canon=${policy()}`
    const diffUrl = `/v1/diff?${previous ? `from=${encodeURIComponent(previous.id)}&` : ''}to=${encodeURIComponent(r.id)}&entity=${encodeURIComponent(state.entity)}&canon=${policy()}&limit=1000`
    // The history is read at the cut too: the page never holds what the slider has not reached.
    const [canon, diff, history] = await Promise.all([
      getJson(`/v1/entities/${kind}/${slug}?${cut}`),
      getJson(diffUrl),
      allPages(`/v1/entities/${kind}/${slug}/history?${cut}`, 'entries'),
    ])
    if (token !== state.token) return
    state.history = history.ok ? { entries: history.body } : null
    drawTimeline()
    if (!canon.ok) {
      $('entity-title').textContent = state.entity
      $('entity-meta').textContent = ''
      $('facts').replaceChildren()
      $('removed').replaceChildren()
      setStatus(
        canon.status === 404 ? 'Not known yet as of this release.' : (canon.body.detail ?? 'error'),
        canon.status !== 404,
      )
      $('facts').dataset.release = r.id
      return
    }
    setStatus('')
    const e = canon.body.entity
    $('entity-title').textContent = e.name
    const meta = [`${e.id}`, `introduced by ${e.introducedBy.title}`]
    if (e.aliases.length > 0) meta.push(`also ${e.aliases.join(', ')}`)
    $('entity-meta').textContent = meta.join(' · ')
    const marks = new Map()
    const removed = []
    for (const c of diff.ok ? diff.body.changes : []) {
      if (c.predicate === undefined) continue
      const m = { ...markOf(c), claim: c.claim, before: c.before }
      if (c.change === 'retracted') removed.push({ ...m, predicate: c.predicate })
      // The strongest mark of the step wins: a revision over a confirmation.
      else if (!marks.has(c.predicate) || marks.get(c.predicate).cls === 'confirmed')
        marks.set(c.predicate, m)
    }
    $('facts').replaceChildren(...canon.body.facts.map((f) => factItem(f, marks)))
    // Marks the list as rendered for this release (the browser test waits on it).
    $('facts').dataset.release = r.id
    $('removed').replaceChildren(
      ...removed.map((m) =>
        el(
          'p',
          { class: 'source' },
          el('span', { class: `badge ${m.cls}`, text: m.word }),
          ` ${m.predicate}: ${m.before?.text ?? ''}`,
        ),
      ),
    )
  }

  /** Rows: one per fact of the entity, and one for its name and identity; columns: releases. */
  const drawTimeline = () => {
    const box = $('timeline')
    box.replaceChildren()
    if (state.history === null || state.releases.length === 0) return
    const at = state.index
    const column = new Map(state.releases.map((r, i) => [r.id, i]))
    const entries = state.history.entries.filter(
      (e) => !e.withdrawn && column.has(e.release.id) && column.get(e.release.id) <= at,
    )
    const rows = [
      '(identity)',
      ...new Set(entries.filter((e) => e.predicate).map((e) => e.predicate)),
    ]
    const left = 130
    const width = 900
    const rowHeight = 24
    const top = 14
    const height = top + rows.length * rowHeight + 26
    const n = state.releases.length
    const x = (i) => left + (n === 1 ? 0 : (i * (width - left - 20)) / (n - 1))
    const svg = document.createElementNS(svgNs, 'svg')
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`)
    svg.setAttribute('role', 'img')
    svg.setAttribute('aria-label', 'revisions of the entity across releases')
    const add = (tag, attrs, text) => {
      const node = document.createElementNS(svgNs, tag)
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v))
      if (text !== undefined) node.textContent = text
      svg.append(node)
      return node
    }
    rows.forEach((row, i) => {
      const y = top + i * rowHeight + rowHeight / 2
      add('line', { x1: left, x2: width - 20, y1: y, y2: y, class: 'axis' })
      add(
        'text',
        { x: 4, y: y + 4, class: 'row-label' },
        row.length > 20 ? `${row.slice(0, 19)}…` : row,
      )
    })
    // Dates under the axis: the first, the last, and the slider's; an end label that would
    // overlap the slider's is left out, whatever the catalog's size.
    const labelWidth = 80
    const tick = (i, anchor) =>
      add(
        'text',
        { x: x(i), y: height - 8, 'text-anchor': anchor, class: 'tick' },
        state.releases[i].date,
      )
    const cursorAnchor =
      x(at) - left < labelWidth / 2
        ? 'start'
        : width - 20 - x(at) < labelWidth / 2
          ? 'end'
          : 'middle'
    tick(at, cursorAnchor).classList.add('current')
    if (at !== 0 && x(at) - x(0) > labelWidth * 1.25) tick(0, 'start')
    if (at !== n - 1 && x(n - 1) - x(at) > labelWidth * 1.25) tick(n - 1, 'end')
    add('line', { x1: x(at), x2: x(at), y1: 4, y2: height - 22, class: 'cursor' })
    for (const e of entries) {
      const row = e.predicate ? rows.indexOf(e.predicate) : 0
      const c = add('circle', {
        cx: x(column.get(e.release.id)),
        cy: top + row * rowHeight + rowHeight / 2,
        r: 6,
        class: markOf(e).cls,
        'data-release': e.release.id,
      })
      const value = e.newValue ? `: ${e.newValue.text}` : e.name ? `: ${e.name}` : ''
      const title = document.createElementNS(svgNs, 'title')
      title.textContent = `${e.release.title} (${e.release.date}) ${markOf(e).word} ${e.predicate ?? ''}${value}`
      c.append(title)
    }
    box.append(svg)
  }

  const move = (index) => {
    state.index = Math.max(0, Math.min(state.releases.length - 1, index))
    $('slider').value = String(state.index)
    void render()
  }

  let searchTimer
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer)
    searchTimer = setTimeout(() => void search(), 150)
  })
  $('search').addEventListener('keydown', onSearchKey)
  $('slider').addEventListener('input', () => move(Number($('slider').value)))
  $('prev').addEventListener('click', () => move(state.index - 1))
  $('next').addEventListener('click', () => move(state.index + 1))
  $('secondary').addEventListener('change', async () => {
    await loadReleases()
    if (state.entity !== null) await pick(state.entity)
  })
  // Opens on the worked example (or the entity in the URL), at the latest release.
  void loadReleases().then(async () => {
    const [kind, slug] = firstEntity.split('/')
    if (current() === undefined || slug === undefined) return
    const known = await getJson(`/v1/entities/${kind}/${slug}?canon=${policy()}`)
    if (known.ok && state.entity === null) await pick(firstEntity)
  })
})()
