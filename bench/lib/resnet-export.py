# Random-init torchvision ResNet-50 (fixed seed) for bench/features.ts, saved
# twice with the same weights: ONNX for onnxruntime and a state_dict for
# PyTorch. Cached: nothing is rewritten while both files exist.
#   /usr/bin/python3 bench/lib/resnet-export.py <outDir>   (Debian's python3-torch)
import os
import sys

import torch
import torchvision

SEED = 50
OPSET = 17  # the newest torch 1.13 exports

out = sys.argv[1]
onnx_path, weights_path = os.path.join(out, "resnet50.onnx"), os.path.join(out, "resnet50.pt")
if os.path.exists(onnx_path) and os.path.exists(weights_path):
    print(f"cached: {onnx_path}, {weights_path}")
    sys.exit(0)

os.makedirs(out, exist_ok=True)
torch.manual_seed(SEED)
model = torchvision.models.resnet50(weights=None).eval()
torch.save(model.state_dict(), weights_path + ".tmp")
torch.onnx.export(
    model,
    torch.zeros(1, 3, 224, 224),
    onnx_path + ".tmp",
    input_names=["input"],
    output_names=["logits"],
    dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
    opset_version=OPSET,
    do_constant_folding=True,
)
# Renamed last, so an interrupted export is not taken for a cached one.
os.replace(weights_path + ".tmp", weights_path)
os.replace(onnx_path + ".tmp", onnx_path)
print(f"exported (seed {SEED}, opset {OPSET}, torch {torch.__version__}): {onnx_path}, {weights_path}")
