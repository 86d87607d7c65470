// zh: 各单位牵头任务数
// en: leads per bureau
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.role = 'lead'
RETURN b.short_name AS bureau, count(t) AS leads ORDER BY leads DESC
