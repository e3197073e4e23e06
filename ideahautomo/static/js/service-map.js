/* The service map's map view: markers of the services listed on the page, drawn with
   Leaflet on the tile server the deployment names. The list stays the page; this only
   adds to it. */
(function () {
  "use strict";
  var element = document.getElementById("service-map");
  var data = document.getElementById("service-map-markers");
  if (!element || !data || !window.L) {
    return;
  }
  var markers = JSON.parse(data.textContent);
  element.classList.add("is-active");
  var map = window.L.map(element, { scrollWheelZoom: false });
  window.L.tileLayer(element.dataset.tiles, {
    maxZoom: 18,
    attribution: element.dataset.attribution || "",
  }).addTo(map);
  var bounds = [];
  markers.forEach(function (marker) {
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.title;
    window.L.marker([marker.lat, marker.lng], { title: marker.title, alt: marker.title })
      .addTo(map)
      .bindPopup(link);
    bounds.push([marker.lat, marker.lng]);
  });
  map.fitBounds(bounds, { maxZoom: 14, padding: [24, 24] });
})();
