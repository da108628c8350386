# PyTorch side of bench/features.ts: torchvision ResNet-50 with the weights in
# resnet50.pt and the reference's preprocessing, batches under
# torch.inference_mode(), timed from the encoded bytes (read before) to the
# logits, after one warm-up batch. Prints one JSON object.
#   /usr/bin/python3 bench/lib/resnet-torch.py WEIGHTS THREADS BATCH LOGITS_OUT FILE...
import io
import json
import os
import re
import sys
import time

import torch
import torchvision
from PIL import Image
from torchvision import transforms

weights, threads, batch, logits_out, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
torch.set_num_threads(threads)
model = torchvision.models.resnet50(weights=None)
model.load_state_dict(torch.load(weights))
model.eval()
transform = transforms.Compose([
    transforms.Resize(256),
    transforms.CenterCrop(224),
    transforms.ToTensor(),
    transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
])
blobs = [open(f, "rb").read() for f in files]


def run(blobs):
    """Logits of all blobs, and seconds spent decoding, transforming and in the model."""
    stages = {"decode": 0.0, "transform": 0.0, "forward": 0.0}
    out = []
    for i in range(0, len(blobs), batch):
        t0 = time.perf_counter()
        images = [Image.open(io.BytesIO(b)).convert("RGB") for b in blobs[i:i + batch]]
        t1 = time.perf_counter()
        x = torch.stack([transform(im) for im in images])
        t2 = time.perf_counter()
        out.append(model(x))
        t3 = time.perf_counter()
        stages["decode"] += t1 - t0
        stages["transform"] += t2 - t1
        stages["forward"] += t3 - t2
    return torch.cat(out), stages


with torch.inference_mode():
    run(blobs[:batch])
    cpu, wall = time.process_time(), time.perf_counter()
    logits, stages = run(blobs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

if logits_out != "-":
    logits.numpy().astype("float32").tofile(logits_out)
maps = open("/proc/self/maps").read()
json.dump({
    "wall_s": wall,
    "cpu_s": cpu,
    "stages_s": stages,
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "blas": sorted({os.path.basename(m) for m in re.findall(r"/\S*(?:blas|dnnl|mkldnn)\S*", maps)}),
    "openblas_env": {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS") or k.startswith("OMP")},
}, sys.stdout)
