// zh: 区科委的任务(节点)
// en: nodes
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = '区科委'
RETURN b, r.role AS role, t LIMIT 50
