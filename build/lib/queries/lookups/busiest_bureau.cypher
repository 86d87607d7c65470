// zh: 承担任务最多的单位简称(基准测试的最坏参数)
// en: The short name of the bureau with the most responsibilities (the bench's worst-case parameter)
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(:Task) RETURN b.short_name AS v, count(r) AS c ORDER BY c DESC, v LIMIT 1
