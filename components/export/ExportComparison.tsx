"use client";

import { useEffect, useMemo, useState } from "react";
import type { Run } from "@/lib/api/runs";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import type { Precision } from "@/lib/onnx/model-graph";
import { DeployForm } from "./DeployForm";

const PRECISIONS: Precision[] = ["fp32", "int8"];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const num = (v: number | null, digits = 4) => (v === null || !Number.isFinite(v) ? "—" : v.toFixed(digits));

/**
 * fp32 and int8 side by side — file size, test metric, largest difference
 * from TF.js, class agreement, time per row in onnxruntime-web, the gate's
 * verdict — with the choice of which to keep. A file that failed the gate
 * cannot be downloaded or deployed; its worst rows are listed instead.
 */
export function ExportComparison({ result, run, backend, onnxThreads }: { result: ExportCheckResult; run: Run; backend: string; onnxThreads: number }) {
  const { record, reports } = result;
  const [choice, setChoice] = useState<Precision>(record.int8.passed ? "int8" : "fp32");
  const metric = record.metricName === "rmse" ? "RMSE" : "Accuracy";
  const diffLabel = record.metricName === "rmse" ? "Largest relative value difference" : "Largest probability difference";
  const chosen = record[choice];
  const fileName = `${run.name.replace(/[^\w.-]+/g, "_").slice(0, 60) || "model"}-${choice}.onnx`;
  const url = useMemo(() => URL.createObjectURL(new Blob([result.files[choice] as BlobPart], { type: "application/octet-stream" })), [result, choice]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);

  return (
    <div className="export-comparison">
      <table className="listing" aria-label="fp32 and int8 compared">
        <thead>
          <tr>
            <th scope="col">On the test split ({record.rows} rows)</th>
            {PRECISIONS.map((p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">File size</th>
            {PRECISIONS.map((p) => (
              <td key={p}>{kb(record[p].sizeBytes)}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">
              {metric} (TF.js {num(record.tfjsMetric)})
            </th>
            {PRECISIONS.map((p) => (
              <td key={p}>{num(record[p].metric)}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{diffLabel}</th>
            {PRECISIONS.map((p) => (
              <td key={p}>{record[p].maxDiff === null ? "NaN on one side" : record[p].maxDiff.toExponential(2)}</td>
            ))}
          </tr>
          {record.metricName === "accuracy" && (
            <tr>
              <th scope="row">Same class as TF.js</th>
              {PRECISIONS.map((p) => (
                <td key={p}>{(record[p].agreement * 100).toFixed(2)} %</td>
              ))}
            </tr>
          )}
          <tr>
            <th scope="row">Time per row (onnxruntime-web)</th>
            {PRECISIONS.map((p) => (
              <td key={p}>{(record[p].msPerRow * 1000).toFixed(2)} µs</td>
            ))}
          </tr>
          <tr>
            <th scope="row">Parity gate</th>
            {PRECISIONS.map((p) => (
              <td key={p} className={record[p].passed ? "pass" : "fail"}>
                {record[p].passed ? "passed" : `failed: ${record[p].reasons.join("; ")}`}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="hint">
        TF.js on {backend}; onnxruntime-web WASM, {onnxThreads} thread{onnxThreads === 1 ? "" : "s"}. Export {(result.timings.exportMs / 1000).toFixed(2)} s, check {(result.timings.totalMs / 1000).toFixed(2)} s in all.
      </p>
      <fieldset className="export-choice">
        <legend>Keep</legend>
        {PRECISIONS.map((p) => (
          <label key={p}>
            <input type="radio" name={`precision-${run.id}`} value={p} checked={choice === p} onChange={() => setChoice(p)} /> {p} ({kb(record[p].sizeBytes)})
          </label>
        ))}
      </fieldset>
      {chosen.passed ? (
        <>
          <a className="button" href={url} download={fileName}>
            Download {choice} ONNX
          </a>
          <DeployForm file={result.files[choice]} reference={result.references[choice]} precision={choice} defaultName={modelNameFor(run.dataset.name, run.config.target)} note={`run ${run.name} (${run.id}), ${choice}`} />
        </>
      ) : (
        <>
          <p role="alert" className="error">
            The {choice} file failed the parity gate and cannot be downloaded or pushed.
          </p>
          <WorstRows report={reports[choice]} />
        </>
      )}
    </div>
  );
}

/** A registry name from the dataset and target, e.g. "penguins-Species": only the characters names allow. */
function modelNameFor(dataset: string, target: string): string {
  return `${dataset}-${target}`.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^[^A-Za-z0-9]+/, "").slice(0, 64) || "model";
}

function WorstRows({ report }: { report: ExportCheckResult["reports"][Precision] }) {
  const fmt = (v: number[]) => v.map((x) => (Number.isFinite(x) ? x.toFixed(5) : String(x))).join(", ");
  return (
    <table className="listing" aria-label={`Rows where ${report.precision} differs most`}>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Difference</th>
          <th scope="col">TF.js</th>
          <th scope="col">ONNX</th>
        </tr>
      </thead>
      <tbody>
        {report.worst.map((w) => (
          <tr key={w.index}>
            <td>{w.row}</td>
            <td>{Number.isFinite(w.diff) ? w.diff.toExponential(2) : "NaN on one side"}</td>
            <td>{fmt(w.tfjs)}</td>
            <td>{fmt(w.onnx)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
