"""Native reference for the training benchmark: the app's default MLP on the
same rows, trained the way the browser trains it, timed on CPU.

    python3 bench/train/torch_ref.py PATH.f32 [EPOCHS=3] [THREADS=0 (torch's default)]

Prints one JSON line. The first epoch is a warm-up (allocator, kernel choice)
and is not timed, so EPOCHS must be at least 2.
"""
import json
import os
import sys
import time

SEED = 1
BATCH = 512
LR = 0.01


def main():
    path = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if epochs < 2:
        sys.exit("epochs must be >= 2: the first is an untimed warm-up")
    try:
        import numpy as np
        import torch
    except ImportError as e:
        # A line the caller can read, so it can try another interpreter or say why there is no reference.
        print(json.dumps({"reference": None, "reason": f"{sys.executable}: {e}"}))
        sys.exit(3)

    if threads > 0:
        torch.set_num_threads(threads)
    torch.manual_seed(SEED)

    with open(path + ".json") as f:
        head = json.load(f)
    n, k = head["n"], head["features"]
    raw = np.fromfile(path, dtype="<f4")
    if raw.size != n * (k + 1):
        sys.exit(f"{path}: {raw.size} floats, header says {n * (k + 1)}")
    x = torch.from_numpy(raw[: n * k].reshape(n, k).copy())
    y = torch.from_numpy(raw[n * k :].copy()).unsqueeze(1)
    # The app standardises features before training; unscaled f8 (mean 50) would otherwise dominate.
    x = (x - x.mean(0)) / x.std(0, unbiased=False).clamp_min(1e-12)

    model = torch.nn.Sequential(
        torch.nn.Linear(k, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 1),
    )
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    gen = torch.Generator().manual_seed(SEED)

    # Read before training: other work on the machine skews the figure, threads > 1 the most
    # (OpenMP workers wait on a busy core), so the caller can flag a loaded run.
    load_before = round(os.getloadavg()[0], 2)
    timed = 0.0
    last_loss = float("nan")
    for epoch in range(epochs):
        t0 = time.perf_counter()
        order = torch.randperm(n, generator=gen)
        # Summed on the side and read once per epoch, as the browser loop does, so no per-step sync.
        loss_sum = torch.zeros(())
        for s in range(0, n, BATCH):
            idx = order[s : s + BATCH]
            # Gather per batch from the full tensors: the same work as tf.gather in lib/train/loop.ts.
            xb, yb = x[idx], y[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            loss_sum += loss.detach() * idx.numel()
        last_loss = loss_sum.item() / n
        if epoch > 0:
            timed += time.perf_counter() - t0

    with torch.no_grad():
        acc = ((model(x) > 0).float() == y).float().mean().item()

    timed_epochs = epochs - 1
    print(json.dumps({
        "reference": f"pytorch {torch.__version__} CPU",
        "threads": torch.get_num_threads(),
        "epochs": epochs,
        "timedEpochs": timed_epochs,
        "rows": n,
        "batchSize": BATCH,
        "seconds": round(timed, 3),
        "samplesPerSecond": round(timed_epochs * n / timed),
        "trainLoss": round(last_loss, 5),
        "trainAccuracy": round(acc, 5),
        "loadAverage1m": load_before,
        "python": sys.executable,
    }))


if __name__ == "__main__":
    main()
