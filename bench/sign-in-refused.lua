-- wrk script: sign-in attempts refused before any hashing or database work (a malformed email),
-- each connection pausing 80 ms between requests: about the sign-in flood's request rate.
wrk.method = "POST"
wrk.body = "email=not-an-email&password=a+long+bench+password"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
function delay() return 80 end
