"""The Scrapy settings module of the project Scrapyd runs (the egg's ``scrapy`` entry point).

Only what must be known before a job's spider exists sits here; each job's crawl settings
(page caps, politeness, the on-site middlewares) are the local audit's own, set by the spider
from its arguments (:mod:`contactable.scrapyd.spider`).
"""

from crawler.settings import CrawlOptions, crawl_settings

BOT_NAME = "contactable"
SPIDER_MODULES = ["contactable.scrapyd.spider"]
NEWSPIDER_MODULE = "contactable.scrapyd.spider"
# The reactor is installed before any spider exists: the audit's, so the crawl runs as locally.
TWISTED_REACTOR = crawl_settings(CrawlOptions())["TWISTED_REACTOR"]
# A job's log is the node's record of it (Scrapyd's logs_dir); every request at DEBUG is noise.
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control runs Python sent over HTTP (with a token it writes to the
# user's home): a job that crawls hostile sites has no use for it.
REMOTE_CONTROL_ENABLED = False
