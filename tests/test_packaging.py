"""The built wheel carries the data and its console script works from another folder."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_folder(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("mpsdose-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "mpsdose"), "total", "--json", "oxycodone er 10 mg po q12h"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    )
    assert json.loads(result.stdout)["items"][0]["daily_dose"]["value"] == 20
    schema = subprocess.run(  # the JSON Schemas are package data in the wheel
        [str(env_dir / "bin" / "mpsdose"), "schema", "total"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    )
    printed = json.loads(schema.stdout)
    assert printed["$id"] == "urn:mpsdose:schema:total"
    assert "urn:mpsdose:schema:common" in printed["$defs"]  # the shared file is there too
    listing = subprocess.run(
        [str(python), "-c", "import mpsdose.knowledge.loader as d; print(d.data_file('drugs.csv'))"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert "site-packages" in listing  # a real copy in the wheel, not the checkout's data/
    assert not Path(listing).is_symlink()
    import zipfile

    assert "mpsdose/serve/templates/page.html" in zipfile.ZipFile(wheel).namelist()
    served = subprocess.run(  # installed without the serve extra: says how to get it
        [str(env_dir / "bin" / "mpsdose"), "serve"], cwd=elsewhere, capture_output=True,
        text=True, timeout=60)
    assert served.returncode == 2
    assert 'pip install "mpsdose[serve]"' in served.stderr
