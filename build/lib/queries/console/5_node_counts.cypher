// zh: 节点计数
// en: counts
MATCH (n) RETURN n.kind AS kind, count(*) AS nodes ORDER BY nodes DESC
