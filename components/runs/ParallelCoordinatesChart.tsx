"use client";

import { useState } from "react";
import type { ParallelCoordinates } from "@/lib/runs/parallel-coordinates";

const W = 760;
const H = 300;
const PAD = { top: 24, bottom: 40, left: 50, right: 50 };

/**
 * Hyperparameters against a chosen score: one vertical axis each, one line
 * per run, coloured by the score (darker is better), drawn as plain SVG from
 * positions computed on the server (lib/runs/parallel-coordinates.ts).
 */
export function ParallelCoordinatesChart({ byScore }: { byScore: Record<string, ParallelCoordinates> }) {
  const choices = Object.keys(byScore);
  const [choice, setChoice] = useState(choices[0]);
  const pc = byScore[choice];
  const n = pc.axes.length;
  const x = (i: number) => PAD.left + (n === 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (p: number) => PAD.top + (1 - p) * (H - PAD.top - PAD.bottom);
  const score = pc.axes[n - 1];
  const better = score?.kind === "numeric" ? score.better : undefined;
  const shade = (p: number) => {
    const good = better === "lower" ? 1 - p : p;
    return `hsl(215 70% ${75 - good * 45}%)`;
  };
  return (
    <section aria-label="Parallel coordinates">
      <label>
        Score
        <select aria-label="Score" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {pc.lines.length === 0 ? (
        <p className="hint">No compared run has this score.</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Parallel coordinates: ${pc.axes.map((a) => a.label).join(", ")}`}>
          {pc.lines.map((l) => (
            <polyline key={l.runId + l.run} fill="none" strokeWidth={2} stroke={shade(l.positions[n - 1])} points={l.positions.map((p, i) => `${x(i)},${y(p)}`).join(" ")}>
              <title>{`${l.run}: ${pc.axes.map((a, i) => `${a.label} ${l.values[i]}`).join(", ")}`}</title>
            </polyline>
          ))}
          {pc.axes.map((a, i) => (
            <g key={a.key}>
              <line x1={x(i)} x2={x(i)} y1={y(0)} y2={y(1)} stroke="#555" />
              <text x={x(i)} y={H - 12} textAnchor="middle" fontSize={11}>
                {a.label}
              </text>
              {a.ticks.map((t) => (
                <text key={t.label + t.position} x={x(i) + 4} y={y(t.position) + 4} fontSize={10} fill="#444">
                  {t.label}
                </text>
              ))}
            </g>
          ))}
        </svg>
      )}
      {pc.excluded > 0 && <p className="hint">{pc.excluded} run(s) without this score are not drawn.</p>}
    </section>
  );
}
