"""A small, generic news background. Cosine similarities of one topic to unrelated news differ
a lot from topic to topic (a war topic sits closer to all war news than a company does), so a
single raw threshold cannot serve every topic. Each topic's similarities are therefore read as
z-scores against this background. The texts are written for this project and cover the usual
mix of a news feed, including generic conflict news, so that a topic must stand out from it."""

from __future__ import annotations

BACKGROUND: tuple[str, ...] = (
    "Parliament passed the budget bill after a long night of debate over tax cuts and spending.",
    "The prime minister announced a cabinet reshuffle, replacing the finance minister.",
    "Voters head to the polls on Sunday in an election seen as a test for the ruling party.",
    "The central bank raised interest rates by a quarter point to fight persistent inflation.",
    "Stock markets fell sharply as investors worried about slowing growth and weak earnings.",
    "Oil prices climbed after producers agreed to extend output cuts into next year.",
    "The carmaker recalled 200,000 vehicles over a fault in the braking software.",
    "Unemployment dropped to its lowest level in a decade, the statistics office said.",
    "The tech company unveiled a new smartphone with a faster chip and a better camera.",
    "Researchers released an open-source language model that runs on a laptop.",
    "A data breach at the retailer exposed the personal details of millions of customers.",
    "The football club sacked its manager after a run of five defeats in the league.",
    "She won the marathon in a course record, finishing two minutes ahead of the field.",
    "The national team qualified for the World Cup with a late goal in the final match.",
    "Health officials reported a rise in measles cases and urged parents to vaccinate children.",
    "A new drug slowed the progression of the disease in a large clinical trial.",
    "Hospitals are struggling with staff shortages as the winter flu season peaks.",
    "Heavy rain caused floods across the region, forcing thousands to leave their homes.",
    "A magnitude 6.1 earthquake struck the coast, damaging buildings and cutting power.",
    "Wildfires burned thousands of hectares as temperatures reached record highs.",
    "Police arrested three suspects after a bank robbery in the city centre.",
    "The court sentenced the former mayor to five years in prison for corruption.",
    "The film festival opened with a premiere attended by stars from around the world.",
    "The museum returned looted artefacts to the country they were taken from.",
    "Scientists discovered a new species of frog in the rainforest.",
    "The space agency launched a probe to study the atmosphere of a distant planet.",
    "Teachers went on strike over pay, closing hundreds of schools.",
    "The government announced new rules for migrants crossing the border.",
    "Airstrikes hit a town in the north, killing several civilians, activists said.",
    "Rebels and government forces exchanged fire near the frontline despite a ceasefire.",
    "The United Nations appealed for aid for people displaced by the fighting.",
    "Militants attacked an army checkpoint, killing four soldiers, the military said.",
    "Peace talks between the warring parties resumed in Geneva under UN mediation.",
    "The foreign minister met his counterpart to discuss trade and regional security.",
    "Thousands protested in the capital against rising fuel prices.",
    "The refugee agency said camps across the region are overcrowded and short of water.",
    "An explosion at a chemical plant injured dozens of workers.",
    "Archaeologists uncovered the remains of an ancient city near the river.",
    "The university announced a new research centre for renewable energy.",
    "Farmers warned that the drought will cut this year's wheat harvest by a third.",
)
