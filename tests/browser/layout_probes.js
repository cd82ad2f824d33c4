// What tests/browser/test_layout.py measures in the page. A plain script, not a module: the
// test injects it into each page (page.add_init_script, so it is there again after every
// navigation or reload) and calls `window.layoutProbes.<probe>(args)` with page.evaluate.
// Each probe returns plain data (JSON-able) for the Python side to check.
'use strict';

window.layoutProbes = (() => {
    // ------------------------------------------------------------------ shared helpers

    // the main area, looked up on each call (the page redraws it)
    const mainArea = () => document.querySelector('[data-testid="stMain"]') || document.body;
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const keyOf = (el) => {
        const holder = el.closest('[class*="st-key-"]');
        return holder ? [...holder.classList].find((c) => c.startsWith('st-key-')) : '';
    };
    const describe = (el) => {
        const id = el.dataset && el.dataset.testid ? `[data-testid="${el.dataset.testid}"]` : '';
        const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/)[0] : '';
        const key = keyOf(el);
        return `${el.tagName.toLowerCase()}${id}${cls}${key ? ' in .' + key : ''}`;
    };
    const textOf = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80);
    // the element that holds the text itself (its font is the one drawn)
    const textHost = (el) => {
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT,
            {acceptNode: (n) => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
        const node = walk.nextNode();
        return node ? node.parentElement : el;
    };
    // the data grids of st.dataframe: their React props (columns, cells, theme)
    const grids = (main) => [...main.querySelectorAll('[data-testid="stDataFrame"]')].map((frame) => {
        const canvas = frame.querySelector('[data-testid="data-grid-canvas"]');
        if (!canvas) return {frame, props: null};
        const fiberKey = Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
        let fiber = fiberKey && canvas[fiberKey];
        while (fiber && !(fiber.memoizedProps && Array.isArray(fiber.memoizedProps.columns))) fiber = fiber.return;
        return {frame, props: fiber ? fiber.memoizedProps : null};
    });
    const pxOf = (style) => { const m = /([\d.]+)px/.exec(style || ''); return m ? Number(m[1]) : NaN; };

    // the text Plotly writes in a chart: titles, legend, annotations, bar labels
    const CHART_TEXT = /(^|\s)(legendtext|legendtitletext|annotation-text|gtitle|gtitle-subtitle|bartext|[xy]\d*title)(\s|$)/;
    const TICK_LABEL = /(^|\s)([xy]\d*tick)(\s|$)/;  // the <g> of one tick label
    const TABLE_CELLS = '[data-testid="stMarkdownContainer"] td, [data-testid="stMarkdownContainer"] th, '
        + '[data-testid="stTable"] td, [data-testid="stTable"] th';

    // ------------------------------------------------------------------ the probes

    // Until a page stops changing: KaTeX and the data grid load lazily after the script
    // run, and the charts resize once their column has its width.
    function signature() {
        return JSON.stringify([
            document.querySelectorAll('.katex').length,
            document.querySelectorAll('[data-testid="stDataFrame"] canvas').length,
            document.querySelectorAll('.js-plotly-plot .main-svg').length,
            [...document.querySelectorAll('.js-plotly-plot')].map((gd) => gd._fullLayout && [gd._fullLayout.width, gd._fullLayout.height]),
            document.querySelectorAll('[data-testid="stSkeleton"], [data-testid="stSpinner"]').length,
            document.documentElement.scrollHeight,
            document.fonts.status,
        ]);
    }

    // Type sizes by what the text is, in the main area (the sidebar is the app's own
    // chrome); and the height of each chart.
    function fonts() {
        const MAIN = mainArea();
        const CATEGORIES = {
            'metric value': '[data-testid="stMetricValue"]',
            'formula (.katex)': '.katex',
            'table cell': TABLE_CELLS,
            'widget label': '[data-testid="stWidgetLabel"]',
            "chart's slider label": '.losslab-slider label > span',
            'slider value (stSliderThumbValue)': '[data-testid="stSliderThumbValue"]',
            "chart's slider value": '.losslab-slider output',
            'chart legend': '.js-plotly-plot .legendtext',
            'chart axis title': '.js-plotly-plot text',
            'chart title / subplot title': '.js-plotly-plot .gtitle, .js-plotly-plot .gtitle-subtitle, .js-plotly-plot .annotation-text',
        };
        const AXIS_TITLE = /^[xy]\d*title$/;
        const found = [];
        for (const [category, selector] of Object.entries(CATEGORIES)) {
            for (const el of MAIN.querySelectorAll(selector)) {
                if (category === 'chart axis title' && !AXIS_TITLE.test(el.getAttribute('class') || '')) continue;
                if (!textOf(el)) continue;
                const host = category === 'formula (.katex)' ? el : textHost(el);
                found.push({category, key: keyOf(el), text: textOf(el), px: parseFloat(getComputedStyle(host).fontSize)});
            }
        }
        for (const {frame, props} of grids(MAIN)) {
            if (props) found.push({category: 'table cell (st.dataframe grid)', key: keyOf(frame),
                text: props.columns.map((c) => c.title).join(' | ').slice(0, 80), px: pxOf(props.theme.baseFontStyle)});
        }
        const charts = [...MAIN.querySelectorAll('.js-plotly-plot')].map((gd) => ({
            key: keyOf(gd), height: gd._fullLayout ? gd._fullLayout.height : NaN,
            shown_height: gd.getBoundingClientRect().height,
        }));
        return {fonts: found, charts};
    }

    // Pairs of Plotly text boxes that intersect (by more than `slack` px each way), in
    // each chart on show.
    function overlaps({slack}) {
        const MAIN = mainArea();
        const out = [];
        let charts = 0, texts = 0;
        for (const gd of MAIN.querySelectorAll('.js-plotly-plot')) {
            if (!shown(gd)) continue;
            charts += 1;
            const boxes = [];
            for (const t of gd.querySelectorAll('text')) {
                const cls = t.getAttribute('class') || '';
                if (!CHART_TEXT.test(cls) || !textOf(t) || !shown(t)) continue;
                if (t.closest('[opacity="0"], [style*="opacity: 0"]')) continue;
                const r = t.getBoundingClientRect();
                if (r.width < 1 || r.height < 1) continue;
                boxes.push({cls, text: textOf(t), r});
            }
            texts += boxes.length;
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i].r, b = boxes[j].r;
                const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (x > slack && y > slack) out.push({
                    chart: keyOf(gd),
                    a: `${boxes[i].cls} "${boxes[i].text}"`, b: `${boxes[j].cls} "${boxes[j].text}"`,
                    overlap: `${x.toFixed(1)}×${y.toFixed(1)} px`,
                });
            }
        }
        return {overlaps: out, charts, texts};
    }

    // Text that does not fit: headings, table cells, formulas (which may scroll, not be
    // cut), the text of each chart (against the chart's edges) and the cells of each
    // st.dataframe grid (drawn on a canvas: measured against its column).
    function clipping({slack}) {
        const MAIN = mainArea();
        const viewport = document.documentElement.clientWidth;
        const clipped = [], scrolls = [];
        let checked = 0;
        const SCROLLING = ['auto', 'scroll'];
        function check(el, kind, selfMayScroll) {
            if (!shown(el) || !textOf(el)) return;
            checked += 1;
            const rect = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            const entry = {kind, element: describe(el), text: textOf(el),
                           scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, width: +rect.width.toFixed(1)};
            let right = rect.right;
            const left = rect.left;
            if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + slack) {
                if (SCROLLING.includes(style.overflowX)) {
                    if (!selfMayScroll) { clipped.push({...entry, how: `scrolls inside itself (overflow-x: ${style.overflowX})`}); return; }
                    scrolls.push({...entry, how: `scrolls (overflow-x: ${style.overflowX})`});
                } else if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
                    clipped.push({...entry, how: `cut by itself (overflow-x: ${style.overflowX}, text-overflow: ${style.textOverflow})`});
                    return;
                } else {
                    clipped.push({...entry, how: 'its content spills out of its own box (overflow-x: visible)'});
                    right = rect.left + el.scrollWidth;
                }
            }
            // the ancestors up to the main block: does the element stick out of one of them?
            const spilled = [];
            for (let a = el.parentElement; a && a !== MAIN.parentElement; a = a.parentElement) {
                if (a.clientWidth === 0) continue; // inline
                const ar = a.getBoundingClientRect();
                const inner = {left: ar.left + a.clientLeft, right: ar.left + a.clientLeft + a.clientWidth};
                if (right <= inner.right + slack && left >= inner.left - slack) continue;
                const ox = getComputedStyle(a).overflowX;
                const info = `${describe(a)} (client width ${a.clientWidth}, element spans ${left.toFixed(0)}..${right.toFixed(0)} px vs ${inner.left.toFixed(0)}..${inner.right.toFixed(0)})`;
                if (SCROLLING.includes(ox) && a === MAIN) {
                    // not a box of its own that scrolls: the whole page pans sideways
                    clipped.push({...entry, how: `off the page: sticks out of the main area, which scrolls sideways, ${info}`});
                    return;
                }
                if (SCROLLING.includes(ox)) { scrolls.push({...entry, how: `scrolls in ${info}`}); return; }
                if (ox === 'hidden' || ox === 'clip') { clipped.push({...entry, how: `cut by ${info}${spilled.length ? ' after spilling out of ' + spilled.join(', ') : ''}`}); return; }
                spilled.push(describe(a));
            }
            if (right > viewport + slack || left < -slack)
                clipped.push({...entry, how: `off the screen (spans ${left.toFixed(0)}..${right.toFixed(0)} px, viewport ${viewport} px)`});
            else if (spilled.length)
                clipped.push({...entry, how: `spills out of ${spilled.join(', ')} (overflow visible)`});
        }
        for (const h of MAIN.querySelectorAll('h1, h2, h3, h4, h5, h6')) check(h, 'heading', false);
        for (const c of MAIN.querySelectorAll(TABLE_CELLS)) check(c, 'table cell', false);
        for (const k of MAIN.querySelectorAll('.katex-display, .katex')) {
            if (k.classList.contains('katex') && k.closest('.katex-display')) continue;
            check(k, 'formula', true);
        }
        // the text Plotly writes in a chart: inside the chart's own picture, or cut at its edge
        for (const gd of MAIN.querySelectorAll('.js-plotly-plot')) {
            const svg = gd.querySelector('.main-svg');
            if (!shown(gd) || !svg) continue;
            const box = svg.getBoundingClientRect();
            for (const t of gd.querySelectorAll('text')) {
                // tick labels too: Plotly draws them past the edge (ticklabeloverflow "allow",
                // the template's) when a chart's fixed margins are too narrow for them
                const tick = (t.parentElement.getAttribute('class') || '').match(TICK_LABEL);
                const cls = t.getAttribute('class') || (tick ? tick[2] : '');
                if (!(CHART_TEXT.test(cls) || tick) || !textOf(t) || !shown(t)) continue;
                const r = t.getBoundingClientRect();
                if (r.width < 1 || r.height < 1) continue;
                checked += 1;
                if (r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack || r.bottom > box.bottom + slack)
                    clipped.push({kind: 'chart text', element: `${cls} in .${keyOf(gd)}`, text: textOf(t), width: +r.width.toFixed(1),
                        how: `cut at the chart's edge: spans x ${(r.left - box.left).toFixed(0)}..${(r.right - box.left).toFixed(0)}, `
                            + `y ${(r.top - box.top).toFixed(0)}..${(r.bottom - box.top).toFixed(0)} px of a ${box.width.toFixed(0)}×${box.height.toFixed(0)} px chart`});
            }
        }
        // st.dataframe: each column's text (header and cells, as drawn) against the column's width
        const ctx = document.createElement('canvas').getContext('2d');
        for (const {frame, props} of grids(MAIN)) {
            if (!shown(frame)) continue;
            if (!props) { clipped.push({kind: 'st.dataframe', element: describe(frame), text: '', how: 'grid props not found: cannot measure'}); continue; }
            const t = props.theme, pad = 2 * t.cellHorizontalPadding;
            props.columns.forEach((column, col) => {
                const texts = [[t.headerFontFull, column.title, 'header']];
                for (let row = 0; row < props.rows; row++) {
                    const cell = props.getCellContent([col, row]);
                    const shownText = cell.displayData ?? (typeof cell.data === 'string' ? cell.data : '');
                    texts.push([t.baseFontFull, String(shownText), `row ${row}`]);
                }
                for (const [font, text, where] of texts) {
                    if (!text) continue;
                    checked += 1;
                    ctx.font = font;
                    const needed = ctx.measureText(text).width + pad;
                    if (needed > column.width + slack) clipped.push({kind: 'st.dataframe cell', element: describe(frame),
                        text: `${column.title} / ${where}: "${text}"`, width: column.width, needed: +needed.toFixed(1),
                        how: `column ${column.width} px wide, the text needs ${needed.toFixed(1)} px (with ${pad} px padding)`});
                }
            });
        }
        return {clipped, scrolls, checked};
    }

    // Streamlit's page scrolls inside its main section, not the document: the height of
    // the content, for a full-page screenshot.
    function contentHeight() {
        return Math.max(document.documentElement.scrollHeight,
            ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], '
                + '[data-testid="stSidebarContent"]')].map((e) => e.scrollHeight));
    }

    return {signature, fonts, overlaps, clipping, contentHeight};
})();
