// zh: 保障措施(如工作专班)由哪个单位牵头?
// en: Which bureau leads a safeguard measure (such as the task force)?
// param: term = "" — a word of the measure's title or text (工作专班, 统筹); empty for every measure with an owner
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: measure, bureau, role, clause, number, document
// ids: item_id, bureau_id
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(m:Measure)
WHERE $term = '' OR m.name CONTAINS $term OR m.text CONTAINS $term
MATCH (d:Document {id: m.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
RETURN m.name AS measure, b.short_name AS bureau, r.role AS role, r.clause AS clause, m.number AS number,
       d.title AS document, m.id AS item_id, b.id AS bureau_id
ORDER BY document, number, CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, bureau, item_id, bureau_id
