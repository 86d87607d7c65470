// zh: 哪些单位两两共同承担任务?共同承担几项?
// en: Which pairs of bureaus share tasks, and how many?
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: bureau_a, jurisdiction_a, bureau_b, jurisdiction_b, shared_tasks, tasks
// ids: bureau_a_id, bureau_b_id
// unordered: tasks
// the plans first, then their co-ownership relationships (computed at load time) by their document id
MATCH (d:Document)
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
WITH d.id AS plan
MATCH (a:Bureau)-[c:CO_OWNS]->(b:Bureau)
WHERE c.document = plan
UNWIND c.tasks AS number
RETURN a.short_name AS bureau_a, a.jurisdiction AS jurisdiction_a, b.short_name AS bureau_b,
       b.jurisdiction AS jurisdiction_b, count(*) AS shared_tasks, collect(DISTINCT number) AS tasks, a.id AS bureau_a_id, b.id AS bureau_b_id
ORDER BY shared_tasks DESC, bureau_a, jurisdiction_a, bureau_b, jurisdiction_b, bureau_a_id, bureau_b_id
