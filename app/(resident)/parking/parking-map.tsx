"use client";
// The parking map: Leaflet itself (react-leaflet 5 is under a non-OSI licence), loaded only
// in the browser. Markers are plain HTML (no image assets), coloured by availability and
// clustered when many; the tile layer is configuration, and without tiles (none set, or
// none reachable) the markers still show on a plain background. The list is the source of
// truth: the map shows exactly the places the list shows.
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import L from "leaflet";
import "leaflet.markercluster";
import { useEffect, useRef } from "react";
import type { TParkingPlace } from "~/server/parking/schema";

export type TMapLabels = { youAreHere: string; popup: (p: TParkingPlace) => { title: string; lines: string[] }; mapLabel: string };

/** A popup built from text nodes: names come from imports and feeds, never taken as HTML. */
function popupOf(content: { title: string; lines: string[] }): HTMLElement {
  const box = document.createElement("div");
  box.className = "pin-popup";
  const title = document.createElement("strong");
  title.textContent = content.title;
  box.append(title);
  for (const line of content.lines) {
    const p = document.createElement("div");
    p.textContent = line;
    box.append(p);
  }
  return box;
}

export default function ParkingMap({
  centre,
  places,
  selectedId,
  onSelect,
  tileUrl,
  attribution,
  labels,
}: {
  centre: { latitude: number; longitude: number };
  places: TParkingPlace[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  tileUrl: string;
  attribution: string;
  labels: TMapLabels;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const cluster = useRef<L.MarkerClusterGroup | null>(null);
  const markers = useRef(new Map<string, L.Marker>());
  const here = useRef<L.CircleMarker | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const centreRef = useRef<L.LatLngTuple>([centre.latitude, centre.longitude]);
  centreRef.current = [centre.latitude, centre.longitude];

  // The map, once.
  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { zoomControl: true, attributionControl: true, minZoom: 3, maxZoom: 19 }).setView([centre.latitude, centre.longitude], 15);
    if (tileUrl !== "none") {
      // Attribution is text: escape it, Leaflet would take it as HTML.
      const safe = attribution.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: safe }).addTo(m);
    }
    const group = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      disableClusteringAtZoom: 17,
      iconCreateFunction: (c) => L.divIcon({ className: "pin-wrap", html: `<span class="pin pin-cluster">${c.getChildCount()}</span>`, iconSize: [40, 40], iconAnchor: [20, 20] }),
    });
    m.addLayer(group);
    map.current = m;
    cluster.current = group;
    const shown = markers.current;
    // The map may be laid out hidden (the phone's list tab) or resized: Leaflet must measure
    // again, and the first time it has a size, centre on where the search is from.
    let hasSize = el.current.clientWidth > 0;
    const resize = new ResizeObserver(() => {
      if (!el.current?.clientWidth) return;
      m.invalidateSize();
      if (!hasSize) {
        hasSize = true;
        m.setView(centreRef.current, m.getZoom());
      }
    });
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
      cluster.current = null;
      shown.clear();
    };
    // Created once; centre and places are followed by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Where the search is from.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    here.current?.remove();
    here.current = L.circleMarker([centre.latitude, centre.longitude], { radius: 7, color: "#fff", weight: 3, fillColor: "#2563eb", fillOpacity: 1 })
      .bindTooltip(labels.youAreHere)
      .addTo(m);
    m.setView([centre.latitude, centre.longitude], m.getZoom());
  }, [centre.latitude, centre.longitude, labels.youAreHere]);

  // The markers follow the list: added, moved to their new colour, removed.
  useEffect(() => {
    const group = cluster.current;
    if (!group) return;
    const seen = new Set<string>();
    for (const p of places) {
      seen.add(p.id);
      const html = `<span class="pin pin-${p.availability}${p.id === selectedId ? " is-selected" : ""}">${p.freeSpaces ?? "?"}</span>`;
      const icon = L.divIcon({ className: "pin-wrap", html, iconSize: [34, 34], iconAnchor: [17, 17] });
      const existing = markers.current.get(p.id);
      if (existing) {
        existing.setIcon(icon);
        existing.setPopupContent(popupOf(labels.popup(p)));
        continue;
      }
      const marker = L.marker([p.latitude, p.longitude], { icon, title: p.name, keyboard: true, riseOnHover: true })
        .bindPopup(popupOf(labels.popup(p)))
        .on("click", () => onSelectRef.current(p.id));
      markers.current.set(p.id, marker);
      group.addLayer(marker);
    }
    for (const [id, marker] of markers.current) {
      if (!seen.has(id)) {
        group.removeLayer(marker);
        markers.current.delete(id);
      }
    }
  }, [places, selectedId, labels]);

  // The selected place comes into view.
  useEffect(() => {
    const marker = selectedId ? markers.current.get(selectedId) : null;
    const group = cluster.current;
    if (!marker || !group) return;
    group.zoomToShowLayer(marker, () => marker.openPopup());
  }, [selectedId]);

  return <div ref={el} className="parking-map" role="region" aria-label={labels.mapLabel} data-testid="parking-map" />;
}
