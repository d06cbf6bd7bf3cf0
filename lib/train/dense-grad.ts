import type * as tfc from "@tensorflow/tfjs-core";

/**
 * The products backpropagation through a dense layer z = h·W + b needs —
 * hᵀ·dz and Σ dz over the batch for the parameters, dz·Wᵀ for the layer's
 * input — written so every backend takes its fast path.
 *
 * tfjs-backend-wasm 4.22 sends a matMul to XNNPACK only when neither operand
 * is transposed; `transposeA` or `transposeB` falls to a naive loop
 * (batch_mat_mul_impl.cc, slow_batch_matmul): 2–2.8 ms for [512, 64]ᵀ·[512, 64]
 * against 0.12 ms through XNNPACK. So on WASM an operand is transposed first
 * and the product taken plainly. Three more things measured on WASM shape it:
 *  - its Transpose kernel is a plain 2-D loop whose writes stride by the row
 *    count; at 512 rows (a power of two) they collide in the cache, 0.31 ms
 *    for [512, 64] against 0.06 ms for [500, 64]. Blocks of 64 rows are
 *    transposed first, then laid side by side: 0.04 ms in all;
 *  - XNNPACK packs the right-hand operand of every product it has not seen
 *    (its operator is cached per tensor id), which costs about as much as
 *    the product for a fresh batch-sized operand. So the operand with fewer
 *    columns goes on the right: for the first layer's 8 inputs, x is packed
 *    rather than dz (0.07 against 0.12 ms), for a one-unit output dz rather
 *    than h (0.06 against 0.10 ms);
 *  - Sum over axis 0 transposes internally (0.34 ms for [512, 64]); a sum
 *    along rows of the transpose, or a product with a row of ones whose right
 *    operand XNNPACK has just packed, costs 0.01.
 * Other backends take the transpose flags and axis-0 sums natively.
 */
export function paramGradients(tf: typeof tfc, h: tfc.Tensor2D, dz: tfc.Tensor2D): { dw: tfc.Tensor2D; db: tfc.Tensor1D } {
  if (tf.getBackend() !== "wasm") return { dw: tf.matMul(h, dz, true, false), db: tf.sum(dz, 0) };
  const [rows, m] = h.shape;
  const n = dz.shape[1];
  if (n <= m) {
    // hᵀ on the left, dz packed; the row of ones then finds dz's packed operator in the cache.
    const dw: tfc.Tensor2D = tf.matMul(transposeRows(tf, h), dz);
    return { dw, db: tf.reshape(tf.matMul(tf.ones([1, rows]), dz), [n]) as tfc.Tensor1D };
  }
  // dzᵀ on the left, h packed: (dzᵀ·h)ᵀ = hᵀ·dz, and dzᵀ's rows sum to db.
  const dzT = transposeRows(tf, dz);
  return { dw: tf.transpose(tf.matMul<tfc.Tensor2D>(dzT, h)), db: tf.sum(dzT, 1) as tfc.Tensor1D };
}

/**
 * dz·Wᵀ for dz [rows, n] and W [m, n]. Never a reshape of W, even with one
 * column: XNNPACK's operator is cached on the right operand's tensor id alone
 * (not its shape), so W reshaped could meet an operator built for W's own
 * shape, and compute garbage.
 */
export function inputGradient(tf: typeof tfc, dz: tfc.Tensor2D, w: tfc.Tensor): tfc.Tensor2D {
  if (tf.getBackend() !== "wasm") return tf.matMul(dz, w, false, true);
  return tf.matMul(dz, tf.transpose(w));
}

const BLOCK = 64;

/** xᵀ, on WASM: blocks of 64 rows transposed one by one, then the blocks laid side by side (see above). */
function transposeRows(tf: typeof tfc, x: tfc.Tensor2D): tfc.Tensor2D {
  const [rows, cols] = x.shape;
  if (rows % BLOCK !== 0 || rows === BLOCK) return tf.transpose(x);
  const blocks = tf.transpose(tf.reshape(x, [rows / BLOCK, BLOCK, cols]), [0, 2, 1]);
  return tf.reshape(tf.transpose(blocks, [1, 0, 2]), [cols, rows]) as tfc.Tensor2D;
}
