"""Agreement between coders: coefficients, the units they count, the disagreements behind them, a method statement."""
