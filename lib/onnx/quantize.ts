/**
 * Symmetric per-output-channel int8 quantization of a weight matrix, as
 * onnxruntime's dynamic quantizer does for MatMul weights
 * (quantize_dynamic(per_channel=True, weight_type=QInt8)): for each output
 * column j, scale_j = max_i |W[i, j]| / 127 and q = round(W / scale_j),
 * zero point 0. The error bound that follows, and that the tests check:
 * |W[i, j] − q[i, j] · scale_j| ≤ scale_j / 2.
 *
 * Activations are quantized at run time by DynamicQuantizeLinear (uint8,
 * asymmetric, per tensor), so a batch's scale depends on its own range.
 */

export interface QuantizedMatrix {
  rows: number;
  cols: number;
  /** Row-major [rows, cols], like the float matrix. */
  values: Int8Array;
  /** One per column; a column of zeros gets scale 1 (any scale reproduces it). */
  scales: Float32Array;
}

/** `w` is row-major [rows, cols] ([inputs, outputs], as a run stores it). */
export function quantizePerColumn(w: ArrayLike<number>, rows: number, cols: number): QuantizedMatrix {
  if (w.length !== rows * cols) throw new Error(`quantize: ${w.length} weights for a ${rows}×${cols} matrix`);
  const scales = new Float32Array(cols);
  for (let j = 0; j < cols; j++) {
    let max = 0;
    for (let i = 0; i < rows; i++) max = Math.max(max, Math.abs(w[i * cols + j]));
    scales[j] = max > 0 ? max / 127 : 1;
  }
  const values = new Int8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      // scales[j] is float32; dividing by it (not the float64 max/127) is what dequantization multiplies back.
      const q = Math.round(w[i * cols + j] / scales[j]);
      values[i * cols + j] = Math.max(-127, Math.min(127, q));
    }
  }
  return { rows, cols, values, scales };
}

export function dequantize(q: QuantizedMatrix): Float32Array {
  return Float32Array.from(q.values, (v, k) => v * q.scales[k % q.cols]);
}
