"""What a good contact experience is: detectors (per page), the site model, checks (per site)."""
