"use client";

import { useState } from "react";
import { useWorkbench } from "@/components/data/workbench";
import type { TrainCell } from "@/components/notebook/types";
import { CELL_DEFAULTS } from "@/lib/notebook/train-cell-spec";
import { GOLD_TARGET, goldJoinSql } from "@/lib/notebook/gold-labels";
import { FeatureSettings } from "./FeatureSettings";

interface Props {
  cell: TrainCell;
  index: number;
  disabled: boolean;
  onChange(patch: Partial<TrainCell>): void;
}

/** The train cell's settings: data, target and features, model, optimizer, split, seed, backend. */
export function TrainForm({ cell, index, disabled, onChange }: Props) {
  const wb = useWorkbench();
  const [columns, setColumns] = useState<{ name: string; type: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [gold, setGold] = useState({ table: "", id: "" });
  const goldTables = wb.relations.map((r) => r.name).filter((r) => r.startsWith("gold_"));
  const n = index + 1;

  const loadColumns = async () => {
    if (wb.state.kind !== "ready") return;
    setError(null);
    try {
      const t = await wb.state.db.query(`DESCRIBE SELECT * FROM (${cell.source}) AS training_data`);
      const cols = t.toArray().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
      setColumns(cols);
      const names = cols.map((c) => c.name);
      const target = cell.target && names.includes(cell.target) ? cell.target : names[0];
      const features = cell.features.filter((f) => names.includes(f) && f !== target);
      onChange({ target, features: features.length ? features : names.filter((c) => c !== target) });
    } catch (e) {
      setError(`The training query failed: ${(e as Error).message}`);
    }
  };

  const names = columns?.map((c) => c.name) ?? [...new Set([cell.target, ...cell.features].filter((x): x is string => !!x))];
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v !== "" ? Number(v) : fallback);

  return (
    <fieldset className="train-form" disabled={disabled}>
      <legend>Training settings, cell {n}</legend>
      <label>
        Training data (SQL)
        <textarea value={cell.source} rows={2} onChange={(e) => onChange({ source: e.target.value })} />
      </label>
      <button type="button" onClick={() => void loadColumns()}>
        Load columns
      </button>
      {error && <p role="alert">{error}</p>}
      <label>
        Target
        <select aria-label="Target" value={cell.target ?? ""} onChange={(e) => onChange({ target: e.target.value, features: cell.features.filter((f) => f !== e.target.value) })}>
          <option value="" disabled>
            (load columns)
          </option>
          {names.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {goldTables.length > 0 && (
        <fieldset className="gold-target">
          <legend>Target from a labeling project</legend>
          <label>
            Gold labels
            <select aria-label="Gold labels table" value={gold.table} onChange={(e) => setGold({ ...gold, table: e.target.value })}>
              {goldTables.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label>
            Row id column (the project&apos;s item key)
            <select aria-label="Row id column" value={gold.id} onChange={(e) => setGold({ ...gold, id: e.target.value })}>
              <option value="">(choose)</option>
              {names.filter((c) => c !== GOLD_TARGET).map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!gold.id}
            onClick={() => {
              // The join adds one column to the query's own: the gold label.
              if (columns && !columns.some((c) => c.name === GOLD_TARGET)) setColumns([...columns, { name: GOLD_TARGET, type: "VARCHAR" }]);
              onChange({
                source: goldJoinSql(cell.source, gold.table || goldTables[0], gold.id),
                target: GOLD_TARGET,
                features: cell.features.filter((f) => f !== gold.id && f !== GOLD_TARGET),
                task: cell.task === "regression" ? "auto" : cell.task,
              });
            }}
          >
            Use gold labels as the target
          </button>
        </fieldset>
      )}
      <fieldset>
        <legend>Features</legend>
        {names
          .filter((c) => c !== cell.target)
          .map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={cell.features.includes(c)}
                onChange={(e) => onChange({ features: e.target.checked ? [...cell.features, c] : cell.features.filter((f) => f !== c) })}
              />{" "}
              {c}
            </label>
          ))}
      </fieldset>
      <FeatureSettings
        features={cell.features.filter((f) => f !== cell.target)}
        types={Object.fromEntries((columns ?? []).map((c) => [c.name, c.type]))}
        settings={cell.featureSettings ?? {}}
        onChange={(featureSettings) => onChange({ featureSettings })}
      />
      <label>
        Task
        <select aria-label="Task" value={cell.task} onChange={(e) => onChange({ task: e.target.value as TrainCell["task"] })}>
          <option value="auto">infer from the target</option>
          <option value="binary">binary classification</option>
          <option value="multiclass">multiclass classification</option>
          <option value="regression">regression</option>
        </select>
      </label>
      <label>
        Model
        <select aria-label="Model" value={cell.model} onChange={(e) => onChange({ model: e.target.value as TrainCell["model"] })}>
          <option value="linear">logistic / softmax / linear regression</option>
          <option value="mlp">MLP</option>
        </select>
      </label>
      {cell.model === "mlp" && (
        <>
          <label>
            Hidden layers (units, comma-separated)
            <input value={cell.hidden} onChange={(e) => onChange({ hidden: e.target.value })} />
          </label>
          <label>
            Activation
            <select aria-label="Activation" value={cell.activation ?? CELL_DEFAULTS.activation} onChange={(e) => onChange({ activation: e.target.value as TrainCell["activation"] })}>
              <option value="relu">ReLU</option>
              <option value="tanh">tanh</option>
              <option value="sigmoid">sigmoid</option>
              <option value="elu">ELU</option>
            </select>
          </label>
          <label>
            Dropout
            <input type="number" step="any" min={0} max={0.9} value={cell.dropout ?? CELL_DEFAULTS.dropout} onChange={(e) => onChange({ dropout: num(e.target.value, cell.dropout ?? 0) })} />
          </label>
        </>
      )}
      <label>
        L2 penalty
        <input type="number" step="any" min={0} value={cell.l2 ?? CELL_DEFAULTS.l2} onChange={(e) => onChange({ l2: num(e.target.value, cell.l2 ?? 0) })} />
      </label>
      <label>
        Optimizer
        <select aria-label="Optimizer" value={cell.optimizer ?? CELL_DEFAULTS.optimizer} onChange={(e) => onChange({ optimizer: e.target.value as TrainCell["optimizer"] })}>
          <option value="adam">Adam</option>
          <option value="sgd">SGD with momentum</option>
        </select>
      </label>
      {cell.optimizer === "sgd" && (
        <label>
          Momentum
          <input type="number" step="any" min={0} max={0.999} value={cell.momentum ?? CELL_DEFAULTS.momentum} onChange={(e) => onChange({ momentum: num(e.target.value, cell.momentum ?? 0.9) })} />
        </label>
      )}
      <label>
        Class weights
        <select aria-label="Class weights" value={cell.classWeights ?? CELL_DEFAULTS.classWeights} onChange={(e) => onChange({ classWeights: e.target.value as TrainCell["classWeights"] })}>
          <option value="none">equal</option>
          <option value="balanced">balanced (for imbalanced classes)</option>
        </select>
      </label>
      <label>
        Row weights
        <select aria-label="Row weights" value={cell.weightColumn ?? ""} onChange={(e) => onChange({ weightColumn: e.target.value || null })}>
          <option value="">equal</option>
          {names
            .filter((c) => c !== cell.target)
            .map((c) => (
              <option key={c} value={c}>
                from column {c}
              </option>
            ))}
        </select>
      </label>
      <label>
        Epochs
        <input type="number" min={1} value={cell.epochs} onChange={(e) => onChange({ epochs: num(e.target.value, cell.epochs) })} />
      </label>
      <label>
        Learning rate
        <input type="number" step="any" min={0} value={cell.learningRate} onChange={(e) => onChange({ learningRate: num(e.target.value, cell.learningRate) })} />
      </label>
      <label>
        Batch size
        <input type="number" min={1} value={cell.batchSize} onChange={(e) => onChange({ batchSize: num(e.target.value, cell.batchSize) })} />
      </label>
      <label>
        Early stopping patience (epochs; 0 for none)
        <input type="number" min={0} value={cell.patience} onChange={(e) => onChange({ patience: num(e.target.value, cell.patience) })} />
      </label>
      <label>
        Split
        <select aria-label="Split" value={cell.split} onChange={(e) => onChange({ split: e.target.value as TrainCell["split"] })}>
          <option value="random">random</option>
          <option value="stratified">stratified by target</option>
          <option value="group">grouped by a column</option>
          <option value="time">by time</option>
        </select>
      </label>
      {(cell.split === "group" || cell.split === "time") && (
        <label>
          {cell.split === "group" ? "Group column" : "Time column"}
          <select aria-label={cell.split === "group" ? "Group column" : "Time column"} value={cell.splitColumn ?? ""} onChange={(e) => onChange({ splitColumn: e.target.value || null })}>
            <option value="">(choose)</option>
            {names.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        Seed
        <input type="number" min={0} value={cell.seed} onChange={(e) => onChange({ seed: num(e.target.value, cell.seed) })} />
      </label>
      <label>
        Backend
        <select aria-label="Backend" value={cell.backend} onChange={(e) => onChange({ backend: e.target.value as TrainCell["backend"] })}>
          <option value="auto">automatic (WebGPU → WebGL → WASM → CPU)</option>
          <option value="webgpu">WebGPU</option>
          <option value="webgl">WebGL</option>
          <option value="wasm">WASM</option>
          <option value="cpu">CPU</option>
        </select>
      </label>
    </fieldset>
  );
}
