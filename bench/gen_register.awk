#!/usr/bin/awk -f
# bench/gen_register.awk - writes a fictional population register as CSV
# (docs/case-finding.md), one row at a time (nothing is held but the row):
#   awk -v rows=1000000 -v seed=7 -f bench/gen_register.awk > register.csv
# NHS numbers count up from 400 000 000 with their check digits (numbers
# whose check digit would be 10 are skipped), so they are valid and unique;
# they are not real people's.  Names, dates, postcodes (ZZ99 pseudo
# postcodes), conditions and counts are drawn from a seeded generator, with
# frequencies so that about a third of rows meet one or more of the shipped
# rules.
BEGIN {
  if (rows == "") rows = 1000
  if (seed == "") seed = 20261123
  srand(seed)
  ng = split("Alan Brenda Colin Dorothy Eileen Frank Gwen Harold Iris Jamal Kathleen Leonard Mavis Nasreen Owen Pauline Rita Stanley Teresa Usha Vernon Winifred Yusuf Zofia", G, " ")
  nf = split("Ashworth Bradley Chowdhury Dixon Ellis Fraser Gallagher Hussain Iqbal Jackson Kowalski Lewis Morgan Nolan Okonkwo Price Quinn Rahman Shaw Turner Usman Vaughan Wilson Yates", F, " ")
  nc = split("Type 2 diabetes|COPD|Heart failure|Atrial fibrillation|Hypertension|Asthma|Dementia|Depression|Osteoarthritis|Stroke|Chronic kidney disease", C, "|")
  nfr = split(",,,,fit,fit,fit,fit,mild,mild,moderate,severe", FR, ",")
  print "nhs_number,given_name,family_name,birth_date,postcode,conditions,frailty,emergency_admissions_12m,ae_attendances_12m,lives_alone,is_carer,has_carer"
  k = 400000000
  for (n = 0; n < rows; ) {
    nine = sprintf("%09d", k++)
    s = 0
    for (j = 1; j <= 9; j++) s += substr(nine, j, 1) * (11 - j)
    cd = 11 - s % 11
    if (cd == 11) cd = 0
    if (cd == 10) continue
    n++
    r = rand()
    nconds = r < 0.45 ? 0 : r < 0.75 ? 1 : r < 0.92 ? 2 : 3
    conds = ""
    b = int(rand() * nc)
    for (j = 0; j < nconds; j++) conds = conds (j ? ";" : "") C[(b + j * 4) % nc + 1]
    a = rand()
    adm = a < 0.85 ? 0 : a < 0.93 ? 1 : a < 0.98 ? 2 : 3
    e = rand()
    ae = e < 0.8 ? 0 : e < 0.92 ? 1 : e < 0.97 ? 2 : 4
    printf "%s%d,%s,%s,%04d-%02d-%02d,ZZ99 %d%c%c,%s,%s,%d,%d,%s,%s,%s\n", nine, cd, G[int(rand() * ng) + 1], F[int(rand() * nf) + 1],
      1925 + int(rand() * 80), 1 + int(rand() * 12), 1 + int(rand() * 28), 1 + int(rand() * 9),
      65 + int(rand() * 26), 65 + int(rand() * 26), conds, FR[int(rand() * nfr) + 1], adm, ae,
      rand() < 0.3 ? "yes" : "no", rand() < 0.1 ? "yes" : "no", rand() < 0.15 ? "yes" : "no"
  }
}
