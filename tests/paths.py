"""Where the test data lives: the bundled examples and tests/data."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "2025-10-w4"
DATA = Path(__file__).resolve().parent / "data"
MOJIBAKE = EXAMPLES / "000_8b22f52c2dcbb72c.txt"
FREE = EXAMPLES / "001_3b669d72a2bc1990.txt"
OTHER_DIGEST = EXAMPLES / "002_56b1a48b12fb120d.txt"
LEAD = EXAMPLES / "003_d97949ae6726edfb.txt"
