// zh: 督办台账的任务:每项任务的完成时限及其责任单位(可限定一个文件)
// en: The supervision ledger's tasks: each task's deadline and its responsible bureaus (optionally of one plan)
// param: plan = doc-0123456789ab — the plan's document id, or empty for every plan
MATCH (t:Task)
WHERE $plan = '' OR t.document = $plan
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
RETURN t.id AS task, t.document AS plan, t.number AS number, t.seq AS seq, t.title AS title,
       t.deadline AS deadline, b.id AS bureau, b.short_name AS short_name, b.name AS name, b.aliases AS aliases,
       r.role AS role, r.span_start AS at
ORDER BY plan, seq, at
