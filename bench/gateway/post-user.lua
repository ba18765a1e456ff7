-- wrk script: POST a valid CreateUser body (bench/protection-bench.sh, validated vs unvalidated).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"ada@example.com","name":"Ada Lovelace","age":36,"role":"admin"}'
