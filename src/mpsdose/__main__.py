"""``python -m mpsdose``: the same command line as the ``mpsdose`` script."""
from mpsdose.cli import main

if __name__ == "__main__":
    main(prog_name="mpsdose")
