"""Writes the three small datasets mlproj's tests generate projects around (`new --data`).
Deterministic: the same files on every run. python3 make_datasets.py (from this directory)."""
import csv
import math
import random
from datetime import date, timedelta


def customers(path, n=400, seed=1):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        plan = rng.choices(["basic", "plus", "pro"], [0.5, 0.3, 0.2])[0]
        tenure = rng.randint(1, 72)
        spend = round({"basic": 20, "plus": 45, "pro": 80}[plan] + rng.gauss(0, 6), 2)
        tickets = min(8, int(rng.expovariate(0.8)))
        autopay = rng.random() < 0.55
        logit = -0.5 + 0.45 * tickets - 0.04 * tenure - 0.8 * autopay + 0.5 * (plan == "basic")
        churned = rng.random() < 1 / (1 + math.exp(-logit))
        last_login = date(2024, 6, 30) - timedelta(days=int(rng.expovariate(1 / (20 if churned else 6))))
        row = {"customer_id": 10_000 + i, "plan": plan, "region": rng.choice(["north", "south", "east", "west"]),
               "tenure_months": tenure, "monthly_spend": spend, "support_tickets": tickets,
               "autopay": "yes" if autopay else "no", "last_login": last_login.isoformat(),
               "churned": "yes" if churned else "no"}
        if rng.random() < 0.04:
            row["monthly_spend"] = ""
        if rng.random() < 0.03:
            row["region"] = ""
        rows.append(row)
    write(path, rows)


def houses(path, n=360, seed=2):
    rng = random.Random(seed)
    words = {"city": ["bright flat near the tram", "renovated city apartment", "compact studio by the station"],
             "suburb": ["quiet family house with parking", "semi-detached house near schools", "spacious suburban home"],
             "village": ["old farmhouse with land", "cottage by the river", "village house needing work"]}
    rows = []
    for _ in range(n):
        area = rng.choice(list(words))
        sqm = round(rng.uniform(30, 180) * (0.7 if area == "city" else 1.0), 1)
        rooms = max(1, min(8, int(sqm / 28) + rng.randint(-1, 1)))
        built = rng.randint(1900, 2022)
        garden = area != "city" and rng.random() < 0.7
        distance = round({"city": rng.uniform(0.5, 5), "suburb": rng.uniform(5, 20), "village": rng.uniform(20, 60)}[area], 1)
        price = (3200 * sqm * {"city": 1.6, "suburb": 1.0, "village": 0.7}[area] + 15000 * garden
                 - 1200 * distance + 300 * (built - 1950) + rng.gauss(0, 20000))
        rows.append({"sqm": sqm, "rooms": rooms, "year_built": built, "area": area,
                     "garden": "true" if garden else "false", "distance_km": distance,
                     "description": rng.choice(words[area]) + rng.choice(["", ", sunny", ", needs paint", ", new kitchen"]),
                     "price": round(max(price, 30000), -2)})
    write(path, rows)


def daily_sales(path, days=400, seed=3):
    rng = random.Random(seed)
    rows = []
    level = 200.0
    for d in range(days):
        day = date(2023, 1, 1) + timedelta(days=d)
        promo = rng.random() < 0.15
        temperature = round(12 + 10 * math.sin(2 * math.pi * (d - 100) / 365) + rng.gauss(0, 2), 1)
        level = 0.9 * level + 0.1 * (200 + 0.1 * d)
        sales = level * (1.25 if day.weekday() >= 5 else 1.0) * (1.3 if promo else 1.0) + 2 * temperature + rng.gauss(0, 8)
        rows.append({"date": day.isoformat(), "promo": int(promo), "temperature": temperature,
                     "store": "main", "sales": round(sales, 2)})
    write(path, rows)


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    customers("customers.csv")
    houses("houses.csv")
    daily_sales("daily_sales.csv")
