"""The one place settings read the environment from.

Values come from the process environment, then from a `.env` file at the repository root if there
is one (see `.env.example` for every variable and its meaning).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
_dotenv = BASE_DIR / ".env"
if _dotenv.is_file():
    environ.Env.read_env(_dotenv, overwrite=False)
