/**
 * Client-side file saving for the dashboard's downloads: a Blob handed to
 * the browser through a temporary object URL and an <a download> click, so
 * a failed request can be shown on the page instead of navigating away.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The filename of a Content-Disposition header, or `fallback`. */
export function dispositionName(header: string | null, fallback: string): string {
  const m = header === null ? null : /filename="([^"]+)"/.exec(header);
  return m ? m[1] : fallback;
}

/**
 * An SVG on the page as a PNG: serialised with its own <style> (Plot puts
 * one inside the SVG), drawn into a canvas at `scale` × its size on a white
 * background (a transparent PNG shows black text on dark viewers), encoded.
 */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(svg.width.baseVal.value || box.width));
  const height = Math.max(1, Math.round(svg.height.baseVal.value || box.height));
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  // Text drawn in currentColor would otherwise inherit nothing once outside the page.
  copy.setAttribute("color", getComputedStyle(svg).color || "#1f2933");
  const text = new XMLSerializer().serializeToString(copy);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext("2d");
    if (ctx === null) throw new Error("this browser gave no 2D canvas to draw the chart into");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the browser could not encode the chart as PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
