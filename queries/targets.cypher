// zh: 方案设定了哪些量化目标?
// en: Which quantified targets do the plans set?
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: year, metric, comparator, value, unit, text, document
// ids: target_id
MATCH (g:Target)-[:PART_OF]->(d:Document)
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
RETURN g.year AS year, g.metric AS metric, g.comparator AS comparator, g.value AS value, g.unit AS unit,
       g.text AS text, d.title AS document, g.id AS target_id
ORDER BY document, g.span_start, target_id
