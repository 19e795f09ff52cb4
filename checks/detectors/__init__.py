"""Per-page detectors: each turns a :class:`crawler.page.Page` into small facts."""
