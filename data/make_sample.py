"""Write `data/sample/`: a tiny oogiri (大喜利) humor dataset made for humor_ce's tests and demo.

All prompts and responses are written for this project (no third-party text). The layout is the
Hugging Face `imagefolder` one, as the public Japanese humor datasets on the Hub use:
`{train,validation,test}/metadata.jsonl` (one row per response) and `images/*.png` per split.
Image prompts i07 and i08 reuse the exact PNG bytes of i02 and i05, and every image prompt appears
in several splits, so deduplication by content has something to find.

Run from the repository root: `python data/make_sample.py` (deterministic; rewrites the folder).
"""
import json, shutil
from io import BytesIO
from pathlib import Path
from PIL import Image, ImageDraw

OUT = Path(__file__).parent/'sample'
# response k of the p-th prompt goes to SPLITS[p % 2][k]: validation and test get two responses per prompt, so
# per-prompt ranking metrics have something to rank, and every split has both prompt types
SPLITS = (('train', 'train', 'train', 'test', 'test'), ('train', 'train', 'train', 'validation', 'validation'))

TEXT_PROMPTS = {
    't01': ('こんな回転寿司は嫌だ。どんなの？', [
        ('レーンが高速すぎて皿が壁に刺さる', 4.0), ('店長が一緒に回っている', 3.333), ('全部かっぱ巻き', 1.333),
        ('醤油が流れてくる', 2.667), ('寿司が回らない', 0.0)]),
    't02': ('新しく発売されたロボット掃除機。「これは買わなくていい」その理由とは？', [
        ('ゴミを見つけると持ち主の前に並べて見せてくる', 4.0), ('掃除のたびに深いため息をつく', 3.333),
        ('充電に三日かかる', 1.333), ('猫に完全に主導権を握られている', 2.667), ('とても静か', 0.0)]),
    't03': ('おじいちゃんが初めてスマホを使った。何があった？', [
        ('電話に出るたびにお辞儀している', 4.0), ('画面を虫眼鏡で見ながら孫に返信', 2.667), ('電源を入れた', 0.0),
        ('写真を撮るたびにフラッシュに驚いている', 2.667), ('音声アシスタントと将棋の話で盛り上がっている', 3.333)]),
    't04': ('全然ありがたくない神様。何をしてくれた？', [
        ('願いを全部おみくじの「小吉」にしてくれた', 4.0), ('靴ひもを毎朝ほどいてくれる', 3.333),
        ('雨を少しだけ降らせた', 1.333), ('賽銭を数えてくれた', 1.333), ('特に何もしなかった', 0.0)]),
    't05': ('運動会でやる気のない校長先生。何と言った？', [
        ('「よーい」だけ言って帰った', 4.0), ('「玉入れの玉、数えるの面倒なので全員優勝」', 3.333),
        ('「暑いですね」', 0.0), ('「リレーは各自のペースで」', 2.667), ('「本日はお日柄も」', 1.333)]),
    't06': ('こんなコンビニは嫌だ。どんなの？', [
        ('おでんの具が店員の気分で決まる', 3.333), ('レジの店員がずっと面接の練習をしている', 4.0),
        ('深夜は閉まっている', 1.333), ('ポイントカードが石板', 2.667), ('商品が少ない', 0.0)]),
    't07': ('自信満々の天気予報士。何と言った？', [
        ('「明日の天気は私が決めます」', 4.0), ('「降水確率は気合いで0％」', 3.333), ('「晴れです」', 0.0),
        ('「傘は心の中に持ってください」', 2.667), ('「雲の気持ちが分かります」', 2.667)]),
    't08': ('宇宙人が地球に来て一番驚いたこととは？', [
        ('満員電車に自ら乗り込む人々', 3.333), ('コタツから出られなくなる現象', 4.0), ('空が青い', 0.0),
        ('ラーメンの替え玉という制度', 2.667), ('会議のための会議', 2.667)]),
    't09': ('忍者の修行がつらすぎる。どんな修行？', [
        ('満員電車で誰にも気づかれずに座る', 4.0), ('SNSで一切足跡を残さない', 3.333), ('走る', 0.0),
        ('猫に気配を悟られない', 2.667), ('上司の話に完璧な相槌を打つ', 2.667)]),
    't10': ('図書館で怒られた人。何をした？', [
        ('本の最後のページだけ全部読んで帰った', 3.333), ('しおりを巨大なせんべいにしていた', 4.0),
        ('大きな声で話した', 0.0), ('推理小説の犯人を付箋で教えていた', 3.333), ('返却が遅れた', 1.333)]),
    't11': ('ダメな探偵の決めゼリフとは？', [
        ('「犯人はこの中にいる…かもしれないし、いないかもしれない」', 4.0), ('「真実はいつも二つか三つ」', 3.333),
        ('「事件です」', 0.0), ('「謎はすべて明日解ける」', 2.667), ('「犯人は私です」', 2.667)]),
    't12': ('誰も得しない新しい祝日。何の日？', [
        ('「月曜日を思い出す日」', 4.0), ('「全員が早起きする日」', 2.667), ('「休みではない日」', 1.333),
        ('「宿題が倍になる日」', 3.333), ('「普通の日」', 0.0)]),
}

IMAGE_PROMPTS = {  # odai_id -> (picture, responses); scores are continuous like star counts
    'i01': ('sun', [('太陽が月曜日を拒否している', 3.91), ('まぶしい', 1.12), ('地球の電気代を払わされている顔', 3.48),
                    ('夏休みの宿題を全部燃やした', 2.73), ('丸い', 0.35)]),
    'i02': ('house', [('住宅ローンが三角形の部分だけ残っている', 3.62), ('家', 0.51), ('大家さんが屋根に住んでいる', 2.94),
                      ('ドアが面接に落ち続けている', 3.27), ('赤い屋根', 0.88)]),
    'i03': ('cat', [('上司に送る前のメールを全部消した猫', 3.85), ('ねこ', 0.42), ('会議で一番偉そうにしている', 3.05),
                    ('家賃を払わずに家を支配している', 3.71), ('かわいい', 0.77)]),
    'i04': ('mountain', [('山が自分の高さを盛っている', 3.12), ('高い', 0.63), ('頂上に自動販売機がある', 2.41),
                         ('登山者に「まだ半分」と言い続ける山', 3.88), ('緑', 0.29)]),
    'i05': ('robot', [('ロボットが有給を申請している', 3.77), ('四角い', 0.58), ('充電中に夢を見ている', 3.14),
                      ('人間の真似をして寝坊した', 3.52), ('機械', 0.33)]),
    'i06': ('fish', [('魚が自分の値札を見て落ち込んでいる', 3.66), ('さかな', 0.47), ('泳ぐのをやめて歩き始めた', 2.58),
                     ('骨だけ先に出勤した', 3.02), ('青い', 0.71)]),
    'i07': ('house', [('この家、築三分', 3.45), ('屋根', 0.66), ('引っ越しの荷物が家より大きい', 3.11),
                      ('家が自分で内見に来た', 3.59), ('窓がある', 0.52)]),
    'i08': ('robot', [('ロボットが人間に転職を勧めている', 3.41), ('ロボット', 0.44), ('取扱説明書を自分で書いた', 2.87),
                      ('鼻歌がファクスの音', 3.23), ('目が丸い', 0.61)]),
}

def draw(picture:str)->bytes:
    "A small deterministic PNG of `picture`, drawn with PIL."
    img = Image.new('RGB', (112, 84), 'white')
    d = ImageDraw.Draw(img)
    if picture == 'sun':
        d.ellipse((36, 22, 76, 62), fill='orange'); [d.line((56, 42, 56 + 40*dx, 42 + 40*dy), fill='orange', width=2) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))]
    elif picture == 'house':
        d.rectangle((30, 40, 82, 78), fill='tan'); d.polygon([(26, 40), (56, 12), (86, 40)], fill='red'); d.rectangle((50, 56, 62, 78), fill='brown')
    elif picture == 'cat':
        d.ellipse((32, 24, 80, 72), fill='gray'); d.polygon([(34, 34), (40, 10), (52, 26)], fill='gray'); d.polygon([(60, 26), (72, 10), (78, 34)], fill='gray')
        d.ellipse((44, 40, 50, 46), fill='black'); d.ellipse((62, 40, 68, 46), fill='black')
    elif picture == 'mountain':
        d.polygon([(6, 80), (56, 10), (106, 80)], fill='green'); d.polygon([(44, 27), (56, 10), (68, 27)], fill='white')
    elif picture == 'robot':
        d.rectangle((36, 20, 76, 60), fill='silver', outline='black'); d.ellipse((44, 30, 52, 38), fill='blue'); d.ellipse((60, 30, 68, 38), fill='blue')
        d.line((56, 20, 56, 8), fill='black', width=2); d.rectangle((46, 48, 66, 52), fill='black')
    elif picture == 'fish':
        d.ellipse((24, 28, 80, 58), fill='royalblue'); d.polygon([(78, 43), (100, 26), (100, 60)], fill='royalblue'); d.ellipse((34, 36, 40, 42), fill='white')
    buf = BytesIO(); img.save(buf, format='PNG')
    return buf.getvalue()

def rows():
    "Yield (split, row) for every response."
    for p, (odai_id, (odai, responses)) in enumerate(TEXT_PROMPTS.items()):
        for k, (response, score) in enumerate(responses):
            yield SPLITS[p % 2][k], dict(odai_id=odai_id, odai_type='text', odai=odai, file_name=None, response=response, score=score)
    for p, (odai_id, (_, responses)) in enumerate(IMAGE_PROMPTS.items()):
        for k, (response, score) in enumerate(responses):
            yield SPLITS[p % 2][k], dict(odai_id=odai_id, odai_type='image', odai='', file_name=f'images/{odai_id}.png', response=response, score=score)

def main():
    for split in ('train', 'validation', 'test'):  # the split folders only: reference/ (regression fixtures) stays
        if (OUT/split).exists(): shutil.rmtree(OUT/split)
    pngs = {odai_id: draw(picture) for odai_id, (picture, _) in IMAGE_PROMPTS.items()}
    by_split = {}
    for split, row in rows(): by_split.setdefault(split, []).append(row)
    for split, split_rows in by_split.items():
        (OUT/split/'images').mkdir(parents=True)
        for row in split_rows:
            if row['file_name']: (OUT/split/row['file_name']).write_bytes(pngs[row['odai_id']])
        with open(OUT/split/'metadata.jsonl', 'w', encoding='utf-8') as f:
            for row in split_rows: f.write(json.dumps(row, ensure_ascii=False) + '\n')
        print(f'{split}: {len(split_rows)} rows -> {OUT/split}')

if __name__ == '__main__': main()
