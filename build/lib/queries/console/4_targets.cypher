// zh: 目标
// en: targets
MATCH (g:Target) RETURN g.year AS year, g.text AS text ORDER BY year
