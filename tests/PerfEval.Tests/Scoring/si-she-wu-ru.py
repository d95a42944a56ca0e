# Writes si-she-wu-ru.csv: a golden table of 四舍五入 cases from the rule (half away from zero), computed with
# Python's decimal module (ROUND_HALF_UP), independently of PerfEval's code. Run: python3 si-she-wu-ru.py
from decimal import Decimal, ROUND_HALF_UP
import os
import random

random.seed(20261202)
rows = []


def add(v, places):
    r = Decimal(v).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    rows.append((v, places, format(r, 'f')))


# ties and their neighbours at 0..4 places, both signs
for places in range(0, 5):
    for base in ['0', '1', '2', '9', '99', '3.14', '89.99', '12.34']:
        for tail in ['5', '49', '51', '4999', '5000', '50001']:
            whole, _, frac = base.partition('.')
            frac = (frac + '0' * places)[:places]
            v = whole + '.' + frac + tail
            add(v, places)
            add('-' + v, places)
# carries through nines
for v in ['0.995', '9.995', '99.995', '0.0995', '1.9999995', '999.9995', '-0.995', '-99.995']:
    for p in (0, 1, 2, 3, 4, 6):
        add(v, p)
# already short enough, whole numbers, large and tiny magnitudes
for v in ['7', '100', '96.6', '0.1', '-3', '12345678901.23', '0.0000000001', '0.00000000005', '-0.00000000005', '79228162514.2645']:
    for p in (0, 2, 6):
        add(v, p)
# the repros of issue 11 (reverse-linear 3.525, 2.265; the grade flip at 89.995) and halves at whole points
for v, p in [('3.525', 2), ('2.265', 2), ('89.995', 2), ('89.9949', 2), ('4.5', 0), ('2.5', 0), ('-2.5', 0)]:
    add(v, p)
# random values with six places
for _ in range(60):
    add(f"{random.randint(0, 99999)}.{random.randint(0, 999999):06d}", random.randint(0, 5))

seen, out = set(), []
for r in rows:
    if r not in seen:
        seen.add(r)
        out.append(r)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'si-she-wu-ru.csv'), 'w', encoding='utf-8') as f:
    f.write('# value,places,expected — 四舍五入 (half away from zero), written from the rule with Python decimal.ROUND_HALF_UP by si-she-wu-ru.py; see RoundingGoldenTests\n')
    for v, p, e in out:
        f.write(f'{v},{p},{e}\n')
