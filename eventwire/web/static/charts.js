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
  function timeline(el) {
    var intervalSel = document.getElementById("interval"), byTone = document.getElementById("by-tone");
    function draw(vocab) {
      var url = el.dataset.api + (el.dataset.api.indexOf("?") < 0 ? "?" : "&") + "interval=" + intervalSel.value;
      getJSON(url).then(function (rows) {
        if (!rows.length) return empty(el, "No dated events match.");
        var tone = byTone.checked, types = vocab.event_types;
        var keys = tone ? ["cooperation", "conflict"] : Object.keys(types).filter(function (t) { return rows.some(function (r) { return r.event_type === t; }); });
        var periods = Array.from(new Set(rows.map(function (r) { return r.period; }))).sort();
        var table = periods.map(function (p) { var o = {period: p}; keys.forEach(function (k) { o[k] = 0; }); return o; });
        var index = new Map(periods.map(function (p, i) { return [p, i]; }));
        rows.forEach(function (r) { var k = tone ? (types[r.event_type] || {}).tone : r.event_type; if (k in table[0]) table[index.get(r.period)][k] += r.count; });
        var colour = function (k) { return tone ? (k === "conflict" ? CONF : COOP) : (types[k] || {}).colour || "#888"; };
        var parse = function (p) { return new Date(p.length === 4 ? p + "-01-01" : p.length === 7 ? p + "-01" : p); };
        var W = 1000, H = 380, m = {t: 10, r: 20, b: 30, l: 45};
        var x = d3.scaleTime().domain(d3.extent(periods, parse)).range([m.l, W - m.r]);
        var series = d3.stack().keys(keys)(table);
        var y = d3.scaleLinear().domain([0, d3.max(series, function (s) { return d3.max(s, function (d) { return d[1]; }); }) || 1]).nice().range([H - m.b, m.t]);
        clear(el);
        var svg = d3.select(el).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("role", "img").attr("aria-label", "events over time");
        var area = d3.area().x(function (d) { return x(parse(d.data.period)); }).y0(function (d) { return y(d[0]); }).y1(function (d) { return y(d[1]); }).curve(d3.curveMonotoneX);
        svg.append("g").selectAll("path").data(series).join("path").attr("d", area).attr("fill", function (s) { return colour(s.key); }).attr("fill-opacity", 0.85)
          .on("mousemove", function (ev, s) { var p = periods[d3.bisectCenter(periods.map(parse), x.invert(d3.pointer(ev)[0]))]; var row = table[index.get(p)]; tip(ev, (tone ? s.key : (types[s.key] || {}).label || s.key) + " · " + p + ": " + row[s.key]); })
          .on("mouseleave", untip);
        svg.append("g").attr("transform", "translate(0," + (H - m.b) + ")").call(d3.axisBottom(x).ticks(10));
        svg.append("g").attr("transform", "translate(" + m.l + ",0)").call(d3.axisLeft(y).ticks(6));
        var legend = d3.select("#legend"); legend.selectAll("*").remove();
        keys.forEach(function (k) { var s = legend.append("span"); s.append("span").attr("class", "swatch").style("background", colour(k)); s.append("span").text(" " + (tone ? vocab.tones[k].label : (types[k] || {}).label || k)); });
      }).catch(function () { empty(el, "Could not load the data."); });
    }
    getJSON("/api/v1/vocabulary").then(function (vocab) {
      draw(vocab);
      intervalSel.addEventListener("change", function () { draw(vocab); });
      byTone.addEventListener("change", function () { draw(vocab); });
    });
  }

  // -- network --------------------------------------------------------------------------------
  function network(el) {
    getJSON(el.dataset.api).then(function (data) {
      if (!data.edges.length) return empty(el, "No events with both an actor and a recipient country match.");
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
        .on("click", function (ev, e) { window.location = "/events?actor_country=" + encodeURIComponent(e.source.id) + "&recipient_country=" + encodeURIComponent(e.target.id); });
      var node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "net-node")
        .call(d3.drag().on("start", function (ev, d) { if (!ev.active) sim.alphaTarget(0.3).restart(); d.fx = d.x; d.fy = d.y; })
          .on("drag", function (ev, d) { d.fx = ev.x; d.fy = ev.y; })
          .on("end", function (ev, d) { if (!ev.active) sim.alphaTarget(0); d.fx = null; d.fy = null; }));
      node.append("circle").attr("r", function (d) { return radius(d.count); })
        .on("mousemove", function (ev, d) { tip(ev, d.label + " (" + d.id + "): " + d.count + " events"); }).on("mouseleave", untip)
        .on("dblclick", function (ev, d) { window.location = "/events?country=" + encodeURIComponent(d.id); });
      node.append("text").attr("text-anchor", "middle").attr("dy", function (d) { return radius(d.count) + 12; }).text(function (d) { return d.label; });
      sim.on("tick", function () {
        nodes.forEach(function (d) { d.x = Math.max(30, Math.min(W - 30, d.x)); d.y = Math.max(30, Math.min(H - 30, d.y)); });
        link.attr("d", function (e) {
          var dx = e.target.x - e.source.x, dy = e.target.y - e.source.y, dist = Math.sqrt(dx * dx + dy * dy) || 1;
          var r = radius(e.target.count) + 3, tx = e.target.x - dx * r / dist, ty = e.target.y - dy * r / dist;
          return "M" + e.source.x + "," + e.source.y + "A" + dist * 1.6 + "," + dist * 1.6 + " 0 0,1 " + tx + "," + ty;
        });
        node.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
      });
    }).catch(function () { empty(el, "Could not load the data."); });
  }

  // -- maps -----------------------------------------------------------------------------------
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
      return {svg: svg, projection: projection, path: path};
    });
  }

  function eventMap(el) {
    Promise.all([getJSON(el.dataset.api), getJSON("/api/v1/vocabulary")]).then(function (got) {
      var points = got[0], vocab = got[1];
      return worldMap(el, 1000, 520).then(function (m) {
        if (!points.length) { d3.select(el).append("p").attr("class", "muted").text("No events with a known place match."); return; }
        var r = d3.scaleSqrt().domain([0, d3.max(points, function (p) { return p.count; })]).range([2, 22]);
        m.svg.append("g").selectAll("circle").data(points.slice().sort(function (a, b) { return b.count - a.count; })).join("circle")
          .attr("class", "map-point").attr("r", function (p) { return r(p.count); })
          .attr("cx", function (p) { return m.projection([p.lon, p.lat])[0]; }).attr("cy", function (p) { return m.projection([p.lon, p.lat])[1]; })
          .attr("fill", function (p) {
            var conflict = 0; Object.keys(p.by_type).forEach(function (t) { if ((vocab.event_types[t] || {}).tone === "conflict") conflict += p.by_type[t]; });
            return conflict * 2 > p.count ? CONF : COOP;
          })
          .on("mousemove", function (ev, p) { tip(ev, p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.count + " events"); })
          .on("mouseleave", untip)
          .on("click", function (ev, p) { window.location = "/events?place=" + encodeURIComponent(p.name); });
      });
    }).catch(function () { empty(el, "Could not load the map."); });
  }

  function miniMap(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    worldMap(el, 360, 190).then(function (m) {
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
