"""Reading inputs: txt, html (trafilatura) and jsonl; boilerplate removal; near-duplicates."""
