"""`python -m bench` (or `./run bench`): parse, load and query speed from one plan to a thousand."""
from bench.run import main

raise SystemExit(main())
