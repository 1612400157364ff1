-- wrk script: sign in again and again as the benchmark's account.
wrk.method = "POST"
wrk.body = "email=bench%40example.com&password=a+long+bench+password"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
