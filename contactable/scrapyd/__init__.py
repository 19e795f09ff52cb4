"""Audits of many sites on Scrapyd nodes: one Scrapyd job per site.

- :mod:`.settings` and :mod:`.spider`: the Scrapy project that Scrapyd runs. The spider is the
  audit's own :class:`~crawler.spider.SiteSpider`, with the same detectors, checks and report
  writers as ``contactable URL``; it writes the site's reports and a ``job.json`` to the
  results location the job names (:mod:`.results`).
- :mod:`.egg` and :mod:`.deploy`: ``contactable scrapyd deploy URL...`` builds the project's
  egg and uploads it to each node (``addversion.json``).
- :mod:`.nodes`: the few calls of Scrapyd's JSON API that the dispatcher makes.
- :mod:`.dispatch`: ``contactable batch FILE --scrapyd URL,URL`` keeps each node's queue short,
  retries a job whose node failed on another one, and writes the same index as a local batch.
"""
