# Reference forecasts from R's forecast package (Hyndman et al.), the field's reference
# implementation of ETS, auto.ARIMA and Croston, for takt's side-by-side benchmark.
#
# Usage: Rscript holdout.R INPUT.csv HORIZON METHODS OUTPUT.csv TIMINGS.csv [FREQUENCY]
#   INPUT.csv   long format: id,y (rows of a series consecutive and in time order; the training part only)
#   METHODS     comma-separated subset of ets,auto.arima,croston
#   OUTPUT.csv  id,method,step,forecast
#   TIMINGS.csv method,series,seconds,cpu_seconds (elapsed and user + system CPU time of this process)
#
# Croston: forecast::croston() also computes in-sample fitted values by re-running the method on every
# prefix of the series (quadratic: 17 s for one 1,900-day series here). Its forecast is
# forecast:::croston2(y, h, alpha, nofits = TRUE), which croston() itself calls; we call that directly,
# so the forecasts are identical and R is not charged for fitted values nobody uses.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
input <- args[1]; h <- as.integer(args[2]); methods <- strsplit(args[3], ",")[[1]]
output <- args[4]; timings <- args[5]
freq <- if (length(args) >= 6) as.integer(args[6]) else 7L

d <- read.csv(input, colClasses = c("character", "numeric"))
ids <- unique(d$id)
series <- split(d$y, factor(d$id, levels = ids))
out <- file(output, "w"); writeLines("id,method,step,forecast", out)
tm <- data.frame(method = character(), series = integer(), seconds = numeric(), cpu_seconds = numeric())
cpu <- function(p) p[["user.self"]] + p[["sys.self"]]
for (m in methods) {
  p0 <- proc.time()
  for (id in ids) {
    y <- ts(series[[id]], frequency = freq)
    f <- tryCatch({
      if (m == "ets") forecast(ets(y), h = h)$mean
      else if (m == "auto.arima") forecast(auto.arima(y), h = h)$mean
      else if (m == "croston") forecast:::croston2(y, h = h, alpha = 0.1, nofits = TRUE)
      else stop("unknown method ", m)
    }, error = function(e) rep(mean(tail(as.numeric(y), 28)), h))
    f <- pmax(as.numeric(f), 0)
    writeLines(sprintf("%s,%s,%d,%.10g", id, m, seq_len(h), f), out)
  }
  p1 <- proc.time()
  tm <- rbind(tm, data.frame(method = m, series = length(ids), seconds = p1[["elapsed"]] - p0[["elapsed"]],
                             cpu_seconds = cpu(p1) - cpu(p0)))
}
close(out)
write.csv(tm, timings, row.names = FALSE)
