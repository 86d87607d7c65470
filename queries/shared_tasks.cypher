// zh: 哪些单位两两共同承担任务?共同承担几项?
// en: Which pairs of bureaus share tasks, and how many?
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: bureau_a, jurisdiction_a, bureau_b, jurisdiction_b, shared_tasks, tasks
// ids: bureau_a_id, bureau_b_id
// unordered: tasks
// co-ownership is computed at load time (CO_OWNS, one per task and pair of its owners, holding its document id); Ladybug has no
// index on a relationship property, so a plan's CO_OWNS are reached through the plan's bureaus (CARRIES) rather than
// by filtering every CO_OWNS by document (1,000 plans, one plan: ~2x faster; every plan: the first part, ~2.5x
// faster than the filter). The parts exclude each other: every plan, or the plans of the scope. A scope of many
// plans (a district's ~60) reads each of their bureaus' CO_OWNS of every plan: ~3x slower than the filter there.
// a and b unlabelled: Neo4j then starts from the plan (with Bureau labels it scanned every bureau's CO_OWNS).
MATCH (a:Bureau)-[c:CO_OWNS]->(b:Bureau)
WHERE $document = ''
RETURN a.short_name AS bureau_a, a.jurisdiction AS jurisdiction_a, b.short_name AS bureau_b,
       b.jurisdiction AS jurisdiction_b, count(*) AS shared_tasks, collect(DISTINCT c.task_number) AS tasks, a.id AS bureau_a_id, b.id AS bureau_b_id
ORDER BY shared_tasks DESC, bureau_a, jurisdiction_a, bureau_b, jurisdiction_b, bureau_a_id, bureau_b_id
UNION ALL
MATCH (d:Document)<-[:CARRIES]-(a)-[c:CO_OWNS]->(b)
WHERE $document <> '' AND (d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
  AND c.document = d.id
RETURN a.short_name AS bureau_a, a.jurisdiction AS jurisdiction_a, b.short_name AS bureau_b,
       b.jurisdiction AS jurisdiction_b, count(*) AS shared_tasks, collect(DISTINCT c.task_number) AS tasks, a.id AS bureau_a_id, b.id AS bureau_b_id
ORDER BY shared_tasks DESC, bureau_a, jurisdiction_a, bureau_b, jurisdiction_b, bureau_a_id, bureau_b_id
