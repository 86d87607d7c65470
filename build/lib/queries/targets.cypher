// zh: 方案设定了哪些量化目标?
// en: Which quantified targets do the plans set?
// returns: document, year, metric, comparator, value, unit, text
MATCH (g:Target)-[:PART_OF]->(d:Document)
RETURN d.title AS document, g.year AS year, g.metric AS metric, g.comparator AS comparator, g.value AS value,
       g.unit AS unit, g.text AS text
ORDER BY document, g.span_start
