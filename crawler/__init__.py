"""Walking a site with Scrapy: the spider, its settings, the Page type and the runner."""
