"""What the shop sells. Prices live here, on the server: an order's total is computed from
this list and never taken from the mini-program, which anyone can edit in their browser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    name: str
    name_zh: str
    description: str
    description_zh: str
    price: int
    """Minor units: 2800 is 28.00."""
    art: str
    """Which picture the mini-program draws for it."""


MENU = (
    Item(
        "espresso",
        "Espresso",
        "意式浓缩",
        "A short, strong double shot.",
        "短而浓的双份萃取。",
        1800,
        "espresso",
    ),
    Item(
        "americano",
        "Americano",
        "美式咖啡",
        "Espresso lengthened with hot water.",
        "意式浓缩加热水。",
        2200,
        "black",
    ),
    Item(
        "flat_white",
        "Flat white",
        "馥芮白",
        "Ristretto with silky steamed milk.",
        "精萃浓缩配丝滑奶泡。",
        2800,
        "latte",
    ),
    Item(
        "cappuccino",
        "Cappuccino",
        "卡布奇诺",
        "Equal parts espresso, milk and foam.",
        "浓缩、牛奶、奶泡各三分之一。",
        2800,
        "foam",
    ),
    Item(
        "latte",
        "Caffè latte",
        "拿铁",
        "Mild and milky, with a little foam.",
        "温和奶香，薄薄一层奶泡。",
        3000,
        "latte",
    ),
    Item(
        "matcha",
        "Matcha latte",
        "抹茶拿铁",
        "Stone-ground matcha and oat milk.",
        "石磨抹茶配燕麦奶。",
        3200,
        "matcha",
    ),
    Item(
        "croissant",
        "Butter croissant",
        "黄油可颂",
        "Baked here every morning.",
        "每天早上现烤。",
        1600,
        "croissant",
    ),
    Item(
        "cinnamon_bun",
        "Cinnamon bun",
        "肉桂卷",
        "Cardamom dough, cinnamon sugar.",
        "豆蔻面团，肉桂糖。",
        1800,
        "bun",
    ),
)
BY_ID = {item.id: item for item in MENU}
