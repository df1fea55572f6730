/* eventwire charts: timeline, actor network, map, event mini-map.  Data comes from the page's JSON twin
   (data-api); every text is set with .text(), never as HTML. */
(function () {
  "use strict";
  if (typeof d3 === "undefined") return;
  var tooltip = d3.select("body").append("div").attr("class", "tooltip");
  function tip(ev, text) { tooltip.text(text).style("left", (ev.clientX + 12) + "px").style("top", (ev.clientY + 12) + "px").style("opacity", 1); }
  function untip() { tooltip.style("opacity", 0); }
  function getJSON(url) { return fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}}).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); }); }
  function clear(el) { d3.select(el).selectAll("*").remove(); }
  function empty(el, text) { clear(el); d3.select(el).append("p").attr("class", "muted empty").text(text); }
  var COOP = "#2f7ed8", CONF = "#d6453d";

  // -- timeline -------------------------------------------------------------------------------
  // One bar per period of the chosen interval (stacked by type or tone); events whose date is known only
  // to a coarser month or year are not spread over weeks or days: they lie in a hatched lane below the
  // axis, one span per month or year, labelled with their count.
  var STEP = {day: d3.utcDay, week: d3.utcMonday, month: d3.utcMonth, year: d3.utcYear};
  var TICK = {day: d3.utcFormat("%-d %b %Y"), week: d3.utcFormat("%-d %b %Y"), month: d3.utcFormat("%b %Y"), year: d3.utcFormat("%Y")};
  var NAME = {day: "day", week: "week", month: "month", year: "year"};
  function parsePeriod(p) { return new Date(Date.UTC(+p.slice(0, 4), p.length >= 7 ? +p.slice(5, 7) - 1 : 0, p.length >= 10 ? +p.slice(8, 10) : 1)); }
  function describePeriod(p, precision) {
    var d = parsePeriod(p);
    return precision === "year" ? TICK.year(d) : precision === "month" ? TICK.month(d) : precision === "week" ? "week of " + TICK.week(d) : TICK.day(d);
  }

  function timeline(el) {
    var intervalSel = document.getElementById("interval"), byTone = document.getElementById("by-tone");
    function draw(vocab) {
      var interval = intervalSel.value, step = STEP[interval];
      var url = el.dataset.api + (el.dataset.api.indexOf("?") < 0 ? "?" : "&") + "interval=" + interval;
      getJSON(url).then(function (rows) {
        if (!rows.length) return empty(el, "No dated events match.");
        var tone = byTone.checked, types = vocab.event_types;
        var keyOf = function (r) { return tone ? (types[r.event_type] || {}).tone : r.event_type; };
        var keys = tone ? ["cooperation", "conflict"] : Object.keys(types).filter(function (t) { return rows.some(function (r) { return r.event_type === t; }); });
        var colour = function (k) { return tone ? (k === "conflict" ? CONF : COOP) : (types[k] || {}).colour || "#888"; };
        var labelOf = function (k) { return tone ? vocab.tones[k].label : (types[k] || {}).label || k; };
        var fine = rows.filter(function (r) { return r.precision === interval; });
        var coarse = rows.filter(function (r) { return r.precision !== interval; });
        var periods = Array.from(new Set(fine.map(function (r) { return r.period; }))).sort();
        var index = new Map(periods.map(function (p, i) { return [p, i]; }));
        var table = periods.map(function (p) { var o = {period: p}; keys.forEach(function (k) { o[k] = 0; }); return o; });
        fine.forEach(function (r) { var k = keyOf(r); if (keys.indexOf(k) >= 0) table[index.get(r.period)][k] += r.count; });
        var spans = new Map();
        coarse.forEach(function (r) {
          var id = r.precision + ":" + r.period, s = spans.get(id);
          if (!s) { var start = parsePeriod(r.period); s = {period: r.period, precision: r.precision, start: start, end: (r.precision === "year" ? d3.utcYear : d3.utcMonth).offset(start, 1), count: 0, by: {}}; spans.set(id, s); }
          s.count += r.count; var k = keyOf(r); s.by[k] = (s.by[k] || 0) + r.count;
        });
        spans = Array.from(spans.values()).sort(function (a, b) { return a.start - b.start; });
        var lanes = ["month", "year"].filter(function (p) { return spans.some(function (s) { return s.precision === p; }); });
        // the x domain: the bars' periods, widened to whole months for month spans; years only when nothing else
        var starts = periods.map(parsePeriod), ends = starts.map(function (d) { return step.offset(d, 1); });
        spans.forEach(function (s) { if (s.precision === "month" || !periods.length) { starts.push(s.start); ends.push(s.end); } });
        if (!starts.length) spans.forEach(function (s) { starts.push(s.start); ends.push(s.end); });
        var x0 = d3.min(starts), x1 = d3.max(ends);
        var laneH = 26, W = 1000, m = {t: 10, r: 20, b: 30 + lanes.length * laneH, l: 45}, H = 360 + m.b;
        var x = d3.scaleUtc().domain([x0, x1]).range([m.l, W - m.r]);
        var series = d3.stack().keys(keys)(table);
        var ymax = d3.max(series, function (s) { return d3.max(s, function (d) { return d[1]; }); }) || 1;
        var y = d3.scaleLinear().domain([0, ymax]).nice().range([H - m.b, m.t]);
        clear(el);
        var svg = d3.select(el).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("role", "img")
          .attr("aria-label", "events per " + NAME[interval]).attr("data-interval", interval);
        var hatch = svg.append("defs").append("pattern").attr("id", "hatch").attr("patternUnits", "userSpaceOnUse").attr("width", 6).attr("height", 6).attr("patternTransform", "rotate(45)");
        hatch.append("rect").attr("width", 6).attr("height", 6).attr("fill", "#eef2f7");
        hatch.append("line").attr("x1", 0).attr("y1", 0).attr("x2", 0).attr("y2", 6).attr("stroke", "#8a94a6").attr("stroke-width", 2);
        var barX = function (p) { return x(parsePeriod(p)); };
        var barW = function (p) { var d = parsePeriod(p); return Math.max(1, x(step.offset(d, 1)) - x(d) - (x(step.offset(d, 1)) - x(d) > 4 ? 1.5 : 0)); };
        svg.append("g").attr("class", "bars").selectAll("g").data(series).join("g").attr("fill", function (s) { return colour(s.key); })
          .selectAll("rect").data(function (s) { return s.map(function (d) { return {key: s.key, d: d}; }).filter(function (o) { return o.d[1] > o.d[0]; }); }).join("rect")
          .attr("class", "bar").attr("x", function (o) { return barX(o.d.data.period); }).attr("width", function (o) { return barW(o.d.data.period); })
          .attr("y", function (o) { return y(o.d[1]); }).attr("height", function (o) { return y(o.d[0]) - y(o.d[1]); })
          .on("mousemove", function (ev, o) { tip(ev, labelOf(o.key) + " · " + describePeriod(o.d.data.period, interval) + ": " + (o.d[1] - o.d[0])); })
          .on("mouseleave", untip);
        var ticks = step.range(x0, x1), every = Math.max(1, Math.ceil(ticks.length / 10));
        ticks = ticks.filter(function (d, i) { return i % every === 0; });
        svg.append("g").attr("class", "x-axis").attr("transform", "translate(0," + (H - m.b) + ")")
          .call(d3.axisBottom(x).tickValues(ticks).tickFormat(TICK[interval]));
        svg.append("g").attr("class", "y-axis").attr("transform", "translate(" + m.l + ",0)")
          .call(d3.axisLeft(y).ticks(Math.min(6, ymax)).tickFormat(d3.format("d")));
        var lane = svg.append("g").attr("class", "coarse-lanes");
        spans.forEach(function (s) {
          var row = lanes.indexOf(s.precision), top = H - m.b + 28 + row * laneH;
          var a = Math.max(m.l, x(s.start)), b = Math.min(W - m.r, x(s.end));
          if (b <= a) { a = m.l; b = W - m.r; }
          var text = s.count + " event" + (s.count === 1 ? "" : "s") + " dated only to " + describePeriod(s.period, s.precision);
          var detail = keys.filter(function (k) { return s.by[k]; }).map(function (k) { return labelOf(k) + " " + s.by[k]; }).join(", ");
          var g = lane.append("g").attr("class", "coarse").attr("data-period", s.period).attr("data-precision", s.precision)
            .on("mousemove", function (ev) { tip(ev, text + " (" + detail + ")"); }).on("mouseleave", untip);
          g.append("rect").attr("x", a).attr("y", top).attr("width", b - a).attr("height", laneH - 6).attr("rx", 3).attr("fill", "url(#hatch)").attr("stroke", "#8a94a6");
          g.append("text").attr("x", a + 6).attr("y", top + laneH - 11).attr("class", "coarse-label").text(text);
          g.append("title").text(text + " (" + detail + ")");
        });
        var legend = d3.select("#legend"); legend.selectAll("*").remove();
        legend.append("span").attr("class", "legend-note").text("One bar per " + NAME[interval] + ", height: events that " + NAME[interval] + ".");
        keys.forEach(function (k) { var s = legend.append("span"); s.append("span").attr("class", "swatch").style("background", colour(k)); s.append("span").text(" " + labelOf(k)); });
        if (spans.length) {
          var c = legend.append("span").attr("class", "legend-coarse"); c.append("span").attr("class", "swatch hatched");
          c.append("span").text(" below the axis: events whose date is known only to the month or year, spanning it");
        }
      }).catch(function () { empty(el, "Could not load the data."); });
    }
    getJSON("/api/v1/vocabulary").then(function (vocab) {
      draw(vocab);
      intervalSel.addEventListener("change", function () { draw(vocab); });
      byTone.addEventListener("change", function () { draw(vocab); });
    });
  }

  // -- network --------------------------------------------------------------------------------
  // Nodes are actors: a country (its state actors and groups), each organisation, each person when asked.
  var KIND = {country: "#5b6b85", organisation: "#e08e0b", person: "#7b4fc9"};
  function sideFilter(n, side) {
    return n.kind === "country" ? side + "_country=" + encodeURIComponent(n.code) : "actor=" + encodeURIComponent(n.name);
  }
  function network(el) {
    getJSON(el.dataset.api).then(function (data) {
      if (!data.edges.length) return empty(el, "No events with both an actor and a recipient match.");
      clear(el);
      var W = 1000, H = 640;
      var svg = d3.select(el).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("role", "img").attr("aria-label", "actor network");
      svg.append("defs").selectAll("marker").data(["cooperation", "conflict"]).join("marker")
        .attr("id", function (d) { return "arrow-" + d; }).attr("viewBox", "0 -4 8 8").attr("refX", 8).attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 9).attr("markerHeight", 9).attr("orient", "auto")
        .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", function (d) { return d === "conflict" ? CONF : COOP; });
      var maxC = d3.max(data.edges, function (e) { return e.count; }), maxN = d3.max(data.nodes, function (n) { return n.count; });
      var width = d3.scaleSqrt().domain([1, maxC]).range([0.8, 7]);
      var radius = d3.scaleSqrt().domain([1, maxN]).range([5, 26]);
      var nodes = data.nodes.map(function (n) { return Object.assign({}, n); });
      var links = data.edges.filter(function (e) { return e.source !== e.target; }).map(function (e) { return Object.assign({}, e); });
      var sim = d3.forceSimulation(nodes).force("link", d3.forceLink(links).id(function (d) { return d.id; }).distance(210).strength(0.15))
        .force("charge", d3.forceManyBody().strength(-900)).force("center", d3.forceCenter(W / 2, H / 2))
        .force("collide", d3.forceCollide().radius(function (d) { return radius(d.count) + 8; }))
        .force("x", d3.forceX(W / 2).strength(0.05)).force("y", d3.forceY(H / 2).strength(0.08));
      var link = svg.append("g").selectAll("path").data(links).join("path").attr("class", "net-link")
        .attr("stroke", function (e) { return e.tone === "conflict" ? CONF : COOP; }).attr("stroke-width", function (e) { return width(e.count); })
        .attr("marker-end", function (e) { return "url(#arrow-" + e.tone + ")"; })
        .on("mousemove", function (ev, e) { tip(ev, e.source.label + " → " + e.target.label + ": " + e.count + " events (" + e.cooperation + " cooperation, " + e.conflict + " conflict)"); })
        .on("mouseleave", untip)
        .on("click", function (ev, e) {
          var q = e.source.kind !== "country" && e.target.kind !== "country" ? sideFilter(e.source, "actor") : sideFilter(e.source, "actor") + "&" + sideFilter(e.target, "recipient");
          window.location = "/events?" + q;
        });
      var node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", function (d) { return "net-node k-" + d.kind; })
        .attr("data-id", function (d) { return d.id; })
        .call(d3.drag().on("start", function (ev, d) { if (!ev.active) sim.alphaTarget(0.3).restart(); d.fx = d.x; d.fy = d.y; })
          .on("drag", function (ev, d) { d.fx = ev.x; d.fy = ev.y; })
          .on("end", function (ev, d) { if (!ev.active) sim.alphaTarget(0); d.fx = null; d.fy = null; }));
      node.append("circle").attr("r", function (d) { return radius(d.count); }).attr("fill", function (d) { return KIND[d.kind] || KIND.country; })
        .on("mousemove", function (ev, d) { tip(ev, d.title + ": " + d.count + " events"); }).on("mouseleave", untip)
        .on("dblclick", function (ev, d) { window.location = "/events?" + (d.kind === "country" ? "country=" + encodeURIComponent(d.code) : sideFilter(d, "actor")); });
      node.append("title").text(function (d) { return d.title + ": " + d.count + " events"; });
      node.append("text").attr("class", "net-label").attr("text-anchor", "middle").attr("dy", function (d) { return radius(d.count) + 13; }).text(function (d) { return d.label; });
      sim.on("tick", function () {
        nodes.forEach(function (d) { d.x = Math.max(40, Math.min(W - 40, d.x)); d.y = Math.max(30, Math.min(H - 30, d.y)); });
        link.attr("d", function (e) {
          var dx = e.target.x - e.source.x, dy = e.target.y - e.source.y, dist = Math.sqrt(dx * dx + dy * dy) || 1;
          var r = radius(e.target.count) + 3, tx = e.target.x - dx * r / dist, ty = e.target.y - dy * r / dist;
          return "M" + e.source.x + "," + e.source.y + "A" + dist * 1.6 + "," + dist * 1.6 + " 0 0,1 " + tx + "," + ty;
        });
        node.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
      });
      var self = data.edges.filter(function (e) { return e.source === e.target; });
      if (self.length) {
        d3.select("#network-self").text("Within one actor (no line drawn): " + self.map(function (e) {
          var n = nodes.find(function (x) { return x.id === e.source; }); return (n ? n.label : e.source) + " " + e.count; }).join(", ") + ".");
      }
    }).catch(function () { empty(el, "Could not load the data."); });
  }

  // -- maps -----------------------------------------------------------------------------------
  // A place known only to its country is that country, shaded; a town or region is a circle.
  function worldMap(el, W, H) {
    return getJSON(el.dataset.world || "/static/vendor/countries-110m.json").then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      var projection = d3.geoNaturalEarth1().fitSize([W, H], {type: "Sphere"});
      var path = d3.geoPath(projection);
      clear(el);
      var svg = d3.select(el).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("role", "img");
      svg.append("path").attr("class", "map-sphere").attr("d", path({type: "Sphere"}));
      svg.append("g").selectAll("path").data(land.features).join("path").attr("class", "map-land").attr("d", path)
        .append("title").text(function (f) { return (f.properties || {}).name || ""; });
      var shapes = new Map(land.features.map(function (f) { return [String(f.id), f]; }));
      return {svg: svg, projection: projection, path: path, shapes: shapes};
    });
  }
  function toneColour(byType, count, vocab) {
    var conflict = 0; Object.keys(byType).forEach(function (t) { if ((vocab.event_types[t] || {}).tone === "conflict") conflict += byType[t]; });
    return conflict * 2 > count ? CONF : COOP;
  }

  function eventMap(el) {
    Promise.all([getJSON(el.dataset.api), getJSON("/api/v1/vocabulary")]).then(function (got) {
      var points = got[0], vocab = got[1];
      return worldMap(el, 1000, 520).then(function (m) {
        if (!points.length) { d3.select(el).append("p").attr("class", "muted").text("No events with a known place match."); return; }
        var countries = new Map(), dots = [];
        points.forEach(function (p) {
          var shape = p.precision === "country" && p.country_numeric ? m.shapes.get(p.country_numeric) : null;
          if (!shape) { dots.push(p); return; }
          var c = countries.get(p.country_numeric);
          if (!c) { c = {shape: shape, code: p.country, name: p.country_name || p.name, names: [], count: 0, by_type: {}}; countries.set(p.country_numeric, c); }
          c.names.push(p.name); c.count += p.count;
          Object.keys(p.by_type).forEach(function (t) { c.by_type[t] = (c.by_type[t] || 0) + p.by_type[t]; });
        });
        countries = Array.from(countries.values());
        var shade = d3.scaleSqrt().domain([0, d3.max(countries, function (c) { return c.count; }) || 1]).range([0.25, 0.85]);
        m.svg.append("g").attr("class", "map-countries").selectAll("path").data(countries).join("path")
          .attr("class", "map-country-shaded").attr("d", function (c) { return m.path(c.shape); })
          .attr("data-country", function (c) { return c.code; })
          .attr("fill", function (c) { return toneColour(c.by_type, c.count, vocab); }).attr("fill-opacity", function (c) { return shade(c.count); })
          .on("mousemove", function (ev, c) { tip(ev, c.name + ": " + c.count + " events placed in the country as a whole"); })
          .on("mouseleave", untip)
          .on("click", function (ev, c) { window.location = "/events?place=" + encodeURIComponent(c.names[0]); })
          .append("title").text(function (c) { return c.name + ": " + c.count + " events placed in the country as a whole"; });
        var r = d3.scaleSqrt().domain([0, d3.max(dots, function (p) { return p.count; }) || 1]).range([2, 22]);
        m.svg.append("g").selectAll("circle").data(dots.slice().sort(function (a, b) { return b.count - a.count; })).join("circle")
          .attr("class", "map-point").attr("r", function (p) { return r(p.count); })
          .attr("cx", function (p) { return m.projection([p.lon, p.lat])[0]; }).attr("cy", function (p) { return m.projection([p.lon, p.lat])[1]; })
          .attr("fill", function (p) { return toneColour(p.by_type, p.count, vocab); })
          .on("mousemove", function (ev, p) { tip(ev, (p.label || p.name) + ": " + p.count + " events"); })
          .on("mouseleave", untip)
          .on("click", function (ev, p) { window.location = "/events?place=" + encodeURIComponent(p.name); })
          .append("title").text(function (p) { return (p.label || p.name) + ": " + p.count + " events"; });
      });
    }).catch(function () { empty(el, "Could not load the map."); });
  }

  function miniMap(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    worldMap(el, 360, 190).then(function (m) {
      var shape = el.dataset.precision === "country" && el.dataset.countryNumeric ? m.shapes.get(el.dataset.countryNumeric) : null;
      if (shape) {
        m.svg.append("path").attr("class", "map-country-shaded").attr("d", m.path(shape)).attr("fill", CONF).attr("fill-opacity", 0.6)
          .append("title").text(el.dataset.name || "");
        return;
      }
      var p = m.projection([lon, lat]);
      m.svg.append("circle").attr("cx", p[0]).attr("cy", p[1]).attr("r", 9).attr("fill", CONF).attr("fill-opacity", 0.25);
      m.svg.append("circle").attr("cx", p[0]).attr("cy", p[1]).attr("r", 4).attr("fill", CONF).attr("stroke", "#fff").append("title").text(el.dataset.name || "");
    }).catch(function () { empty(el, "Map unavailable."); });
  }

  var el;
  if ((el = document.getElementById("timeline"))) timeline(el);
  if ((el = document.getElementById("network"))) network(el);
  if ((el = document.getElementById("map"))) eventMap(el);
  if ((el = document.getElementById("minimap"))) miniMap(el);
})();
