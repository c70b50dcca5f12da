#!/usr/bin/env python3
"""Names the workbench's Jupyter kernel in every notebook's metadata, so front-ends pick it.

    python3 tests/KzMigration.Tests/Kernel/set_notebook_kernelspec.py [notebooks/*.ipynb]

Sets metadata.kernelspec {name, display_name, language} and metadata.language_info (the static
fields the kernel's kernel_info_reply gives); everything else in the file is left byte for byte
(nbformat's own layout: one-space indent, UTF-8, a final newline). Idempotent.
"""
import glob
import json
import os
import sys

KERNELSPEC = {"display_name": "C# (KzMigration)", "language": "csharp", "name": "kzmigration-csharp"}
LANGUAGE_INFO = {
    "codemirror_mode": "text/x-csharp",
    "file_extension": ".cs",
    "mimetype": "text/x-csharp",
    "name": "C#",
    "pygments_lexer": "csharp",
}


def main(paths):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    paths = paths or sorted(glob.glob(os.path.join(root, "notebooks", "*.ipynb")))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            notebook = json.load(f)
        metadata = notebook.setdefault("metadata", {})
        metadata["kernelspec"] = dict(KERNELSPEC)
        metadata["language_info"] = dict(LANGUAGE_INFO)
        text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
