"use client";

import type { Progress } from "@/lib/api/labels";

/** The labeler's own count and the project's filled slots, as two labelled progress bars. */
export function ProgressBars({ progress }: { progress: Progress | null }) {
  if (!progress) return <div className="progress-bars" aria-busy="true" />;
  const share = progress.slotsTotal === 0 ? 0 : progress.slotsFilled / progress.slotsTotal;
  return (
    <div className="progress-bars">
      <label>
        Your answers: {progress.mine.toLocaleString("en")}
        <progress aria-label="Your progress" max={Math.max(1, progress.slotsTotal)} value={progress.mine} />
      </label>
      <label>
        Project: {progress.slotsFilled.toLocaleString("en")} of {progress.slotsTotal.toLocaleString("en")} annotations ({(share * 100).toFixed(1)}%)
        <progress aria-label="Project progress" max={Math.max(1, progress.slotsTotal)} value={progress.slotsFilled} />
      </label>
    </div>
  );
}
