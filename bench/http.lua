-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script of bench/http.sh: GET /api/v1/persons/ID for ids drawn at
-- random from the file $IDS (one per line), as the bearer $TOKEN with a
-- justification (a person lookup is a consultation, audited each time).
local ids = {}
for line in io.lines(os.getenv("IDS")) do
	ids[#ids + 1] = line
end
local headers = {
	["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
	["X-Justification"] = "bench/http.sh load test",
}

local threads = 0
function setup(thread)
	threads = threads + 1
	thread:set("seed", threads)
end

function init(args)
	math.randomseed(os.time() * 100 + (seed or 0))
end

function request()
	return wrk.format("GET", "/api/v1/persons/" .. ids[math.random(#ids)], headers)
end
