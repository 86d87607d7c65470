// zh: 哪些单位在最多的方案中承担任务?(方案数、牵头、配合、指导次数)
// en: Which bureaus carry tasks in the most plans (plans, leads, supports, guides)?
// returns: bureau, full_name, jurisdiction, plans, leads, supports, guides, total
// ids: bureau_id
// one CARRIES relationship per bureau and plan, with its responsibilities by role (computed at load time)
MATCH (b:Bureau)-[c:CARRIES]->(:Document)
RETURN b.short_name AS bureau, b.name AS full_name, b.jurisdiction AS jurisdiction, count(*) AS plans,
       sum(c.leads) AS leads, sum(c.supports) AS supports, sum(c.guides) AS guides,
       sum(c.leads + c.supports + c.guides) AS total, b.id AS bureau_id
ORDER BY plans DESC, total DESC, bureau, full_name, jurisdiction, bureau_id
